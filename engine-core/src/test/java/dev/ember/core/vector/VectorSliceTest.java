package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A slice of rows {@code [from, to)} holds the same rows as a gather of those positions, for every
 * vector layout (plain and dictionary strings too), with and without nulls, empty and whole; a plain
 * string slice shares its bytes and copies only the offsets.
 */
class VectorSliceTest {
  @Test
  void aSliceHoldsTheRowsAGatherOfItsRangeHolds() {
    long seed = TestSeeds.seed(7101);
    Random random = new Random(seed);
    List<ColumnType> types = new ArrayList<>(RandomKeyColumns.TYPES);
    for (int round = 0; round < 300; round++) {
      ColumnType type = types.get(random.nextInt(types.size()));
      int rows = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(300);
      ColumnVector vector = RandomKeyColumns.random(type, rows, random, random.nextBoolean() ? 0 : 20).vector();
      if (vector instanceof StringVector strings && random.nextBoolean()) {
        vector = StringLayouts.dictionaryEncoded(strings);
      }
      int from = rows == 0 ? 0 : random.nextInt(rows + 1);
      int to = from + (rows == from ? 0 : random.nextInt(rows - from + 1));
      int[] positions = new int[to - from];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = from + i;
      }
      ColumnVector slice = vector.slice(from, to);
      ColumnVector gathered = vector.gather(positions, positions.length);
      String where = TestSeeds.describe(seed) + ", round " + round + ": " + type + " rows [" + from + ", " + to + ") of " + rows;
      assertThat(slice.size()).as(where).isEqualTo(to - from);
      assertThat(slice.type()).isEqualTo(type);
      for (int row = 0; row < slice.size(); row++) {
        assertThat(slice.isNull(row)).as(where + ", row " + row).isEqualTo(gathered.isNull(row));
        assertThat(slice.getObject(row)).as(where + ", row " + row).isEqualTo(gathered.getObject(row));
      }
      if (vector instanceof StringVector strings) {
        assertThat(((StringVector) slice).isDictionary()).isEqualTo(strings.isDictionary());
      }
    }
  }

  @Test
  void aPlainStringSliceSharesTheBytesAndRangesAreChecked() {
    StringVector plain = new StringVector(ColumnType.STRING, new String[] {"a", null, "日本", ""},
        new boolean[] {false, true, false, false}, 4);
    StringVector slice = plain.slice(1, 3);
    assertThat(slice.data()).isSameAs(plain.data());
    assertThat(slice.isNull(0)).isTrue();
    assertThat(slice.get(1)).isEqualTo("日本");
    assertThat(plain.slice(2, 4).nulls).as("no null row in the range: no validity array").isNull();
    assertThatThrownBy(() -> plain.slice(3, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> new LongVector(ColumnType.LONG, new long[2], null, 2).slice(2, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
