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

  @Test
  void stringKeysCompareByValueAcrossPlainAndDifferentDictionaries() {
    long seed = dev.ember.core.testing.TestSeeds.seed(91);
    java.util.Random random = new java.util.Random(seed);
    String[] pool = {"", "a", "é", "日本", "😀", "a😀", "AIR", "MAIL", null};
    for (int round = 0; round < 30; round++) {
      String[] leftValues = new String[50];
      String[] rightValues = new String[50];
      for (int i = 0; i < 50; i++) {
        leftValues[i] = pool[random.nextInt(pool.length)];
        rightValues[i] = pool[random.nextInt(pool.length)];
      }
      dev.ember.core.vector.StringVector leftPlain = strings(leftValues);
      dev.ember.core.vector.StringVector rightPlain = strings(rightValues);
      dev.ember.core.vector.StringVector leftDictionary = dev.ember.core.vector.StringLayouts.dictionaryEncoded(leftPlain);
      // The right side's dictionary is another instance with other ids for the same values.
      dev.ember.core.vector.StringVector rightDictionary = dev.ember.core.vector.StringLayouts.dictionaryEncoded(rightPlain);
      int[] leftRows = random.ints(80, 0, 50).toArray();
      int[] rightRows = random.ints(80, 0, 50).toArray();
      boolean[] expected = new boolean[80];
      for (int i = 0; i < 80; i++) {
        expected[i] = java.util.Objects.equals(leftValues[leftRows[i]], rightValues[rightRows[i]]);
      }
      dev.ember.core.vector.StringVector[][] pairs = {
          {leftPlain, rightPlain}, {leftDictionary, rightPlain}, {leftPlain, rightDictionary},
          {leftDictionary, rightDictionary}};
      for (dev.ember.core.vector.StringVector[] pair : pairs) {
        boolean[] equal = new boolean[80];
        Arrays.fill(equal, true);
        KeyEquality.and(pair[0], leftRows, pair[1], rightRows, 80, equal);
        assertThat(equal).as("%s vs %s, %s", pair[0].isDictionary(), pair[1].isDictionary(),
            dev.ember.core.testing.TestSeeds.describe(seed)).isEqualTo(expected);
      }
      // One shared dictionary compares ids: gathered rows of one vector against itself.
      boolean[] equal = new boolean[80];
      Arrays.fill(equal, true);
      KeyEquality.and(leftDictionary, leftRows, leftDictionary.gather(rightRows, 80), java.util.stream.IntStream.range(0, 80).toArray(), 80, equal);
      for (int i = 0; i < 80; i++) {
        assertThat(equal[i]).isEqualTo(java.util.Objects.equals(leftValues[leftRows[i]], leftValues[rightRows[i]]));
      }
    }
  }

  private static dev.ember.core.vector.StringVector strings(String[] values) {
    boolean[] nulls = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      nulls[i] = values[i] == null;
    }
    return new dev.ember.core.vector.StringVector(ColumnType.STRING, values, nulls, values.length);
  }
}
