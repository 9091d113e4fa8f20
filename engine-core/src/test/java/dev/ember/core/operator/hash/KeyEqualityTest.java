package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.operator.OperatorTesting;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyEqualityTest {
  @Test
  void nullsEqualNullsAndDoublesFollowSparkEquality() {
    Schema schema = OperatorTesting.schema(ColumnType.DOUBLE, ColumnType.STRING);
    Batch batch = Batch.fromRows(schema, List.of(
        Arrays.asList(Double.NaN, "a"), Arrays.asList(-0.0, null), Arrays.asList(0.0, null),
        Arrays.asList(null, "a"), Arrays.asList(Double.NaN, "b"), Arrays.asList(null, "a")));
    int[] left = {0, 1, 3, 0, 1, 0};
    int[] right = {4, 2, 5, 3, 1, 1};
    boolean[] equal = new boolean[6];
    Arrays.fill(equal, true);

    KeyEquality.and(batch.column(0), left, batch.column(0), right, 6, equal);
    assertThat(equal).containsExactly(true, true, true, false, true, false);

    // A later column cannot turn an earlier "different" back into "equal", even where both are null.
    KeyEquality.and(batch.column(1), left, batch.column(1), right, 6, equal);
    assertThat(equal).containsExactly(false, true, true, false, true, false);
  }

  @Test
  void differentTypesAreRejected() {
    Batch ints = Batch.fromRows(OperatorTesting.schema(ColumnType.INT), List.of(List.of(1)));
    Batch longs = Batch.fromRows(OperatorTesting.schema(ColumnType.LONG), List.of(List.of(1L)));

    assertThatThrownBy(() -> KeyEquality.and(ints.column(0), new int[] {0}, longs.column(0), new int[] {0}, 1, new boolean[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int")
        .hasMessageContaining("bigint");
  }
}
