package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.IntVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectionsTest {
  @Test
  void keepsRowsThatAreTrueAndNotNull() {
    BooleanVector predicate = new BooleanVector(ColumnType.BOOLEAN,
        new boolean[] {true, true, false, true, false}, new boolean[] {false, true, false, false, true}, 5);
    int[] out = new int[5];
    assertThat(Selections.trueRows(predicate, out)).isEqualTo(2);
    assertThat(Arrays.copyOf(out, 2)).containsExactly(0, 3);
  }

  @Test
  void matchesAPlainLoopOnRandomVectors() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      int size = random.nextInt(50);
      boolean[] values = new boolean[size + random.nextInt(3)];
      boolean[] nulls = random.nextBoolean() ? null : new boolean[size];
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextBoolean();
      }
      for (int i = 0; i < size; i++) {
        if (nulls != null) {
          nulls[i] = random.nextInt(4) == 0;
        }
        if (values[i] && (nulls == null || !nulls[i])) {
          expected.add(i);
        }
      }
      int[] out = new int[size];
      int count = Selections.trueRows(new BooleanVector(ColumnType.BOOLEAN, values, nulls, size), out);
      assertThat(Arrays.stream(out, 0, count).boxed().toList()).isEqualTo(expected);
    }
  }

  @Test
  void emptyVectorSelectsNothing() {
    assertThat(Selections.trueRows(new BooleanVector(ColumnType.BOOLEAN, new boolean[0], null, 0), new int[0])).isZero();
  }

  @Test
  void rejectsNonBooleanVectorsAndShortOutput() {
    assertThatThrownBy(() -> Selections.trueRows(new IntVector(ColumnType.INT, new int[1], null, 1), new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a BOOLEAN vector, got int");
    assertThatThrownBy(() -> Selections.trueRows(new BooleanVector(ColumnType.BOOLEAN, new boolean[3], null, 3), new int[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out has 2 slots for 3 rows");
  }
}
