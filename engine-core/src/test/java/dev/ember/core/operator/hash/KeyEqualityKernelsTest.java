package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.RandomKeyColumns;
import dev.ember.core.vector.StringDictionaryBuilder;
import dev.ember.core.vector.StringLayouts;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each key equality kernel against {@link Objects#equals} of the Java values as grouping compares
 * them (null equals null, -0.0 equals 0.0, NaN equals NaN), with verdicts that were already false
 * staying false, on random pairs of rows of two vectors (strings in every mix of layouts: plain,
 * one shared dictionary, two dictionaries).
 */
class KeyEqualityKernelsTest {
  private record Pair(String name, ColumnVector left, ColumnVector right) {}

  private static List<Pair> pairs(ColumnVector left, ColumnVector right) {
    List<Pair> pairs = new ArrayList<>(List.of(new Pair("plain", left, right)));
    if (left instanceof StringVector leftStrings && right instanceof StringVector rightStrings) {
      StringVector leftDictionary = StringLayouts.dictionaryEncoded(leftStrings);
      StringVector rightDictionary = StringLayouts.dictionaryEncoded(rightStrings);
      pairs.add(new Pair("dictionary vs plain", leftDictionary, rightStrings));
      pairs.add(new Pair("plain vs dictionary", leftStrings, rightDictionary));
      pairs.add(new Pair("two dictionaries", leftDictionary, rightDictionary));
      StringVector[] shared = sharedDictionary(leftStrings, rightStrings);
      pairs.add(new Pair("one dictionary", shared[0], shared[1]));
    }
    return pairs;
  }

  /** Both vectors' rows as ids into one dictionary instance: the kernel may compare ids. */
  private static StringVector[] sharedDictionary(StringVector left, StringVector right) {
    StringDictionaryBuilder dictionary = new StringDictionaryBuilder(left.size() + right.size() + 1);
    StringVector[] sides = {left, right};
    int[][] ids = new int[2][];
    for (int side = 0; side < 2; side++) {
      StringVector vector = sides[side];
      ids[side] = new int[vector.size()];
      for (int row = 0; row < vector.size(); row++) {
        if (!vector.isNull(row)) {
          ids[side][row] = dictionary.idOf(vector.data(), vector.start(row), vector.end(row));
        }
      }
    }
    StringVector entries = dictionary.build();
    StringVector[] encoded = new StringVector[2];
    for (int side = 0; side < 2; side++) {
      StringVector vector = sides[side];
      encoded[side] = StringVector.dictionaryEncoded(vector.type(), ids[side], entries, vector.nulls, vector.size());
    }
    return encoded;
  }

  @Test
  void eachKernelAgreesWithJavaEqualityOfGroupingValues() {
    long seed = TestSeeds.seed(811);
    Random random = new Random(seed);
    for (int round = 0; round < 40; round++) {
      int leftSize = 1 + random.nextInt(60);
      int rightSize = 1 + random.nextInt(60);
      int count = new int[] {0, 1, 5, 200}[round % 4];
      for (ColumnType type : RandomKeyColumns.TYPES) {
        int nullPercent = new int[] {0, 15, 100}[round % 3];
        RandomKeyColumns.Column left = RandomKeyColumns.random(type, leftSize, random, nullPercent);
        RandomKeyColumns.Column right = RandomKeyColumns.random(type, rightSize, random, nullPercent / 2);
        int[] leftRows = random.ints(count, 0, leftSize).toArray();
        int[] rightRows = random.ints(count, 0, rightSize).toArray();
        boolean[] before = new boolean[count];
        for (int i = 0; i < count; i++) {
          before[i] = random.nextInt(5) != 0;
        }
        KeyEquality kernel = KeyEquality.forType(type);
        assertThat(kernel.layout()).isEqualTo(VectorLayout.of(type));
        for (Pair pair : pairs(left.vector(), right.vector())) {
          boolean[] equal = before.clone();
          kernel.andEqual(pair.left(), leftRows, pair.right(), rightRows, count, equal);
          boolean[] viaStatic = before.clone();
          KeyEquality.and(pair.left(), leftRows, pair.right(), rightRows, count, viaStatic);
          for (int i = 0; i < count; i++) {
            Object leftValue = RandomKeyColumns.groupingValue(left.values().get(leftRows[i]));
            Object rightValue = RandomKeyColumns.groupingValue(right.values().get(rightRows[i]));
            boolean expected = before[i] && Objects.equals(leftValue, rightValue);
            assertThat(equal[i]).as("%s %s: %s vs %s, %s", type, pair.name(), leftValue, rightValue, TestSeeds.describe(seed))
                .isEqualTo(expected);
            assertThat(viaStatic[i]).isEqualTo(expected);
          }
        }
      }
    }
  }

  @Test
  void typesShareAKernelExactlyWhenTheyShareAVectorLayout() {
    assertThat(KeyEquality.forType(ColumnType.DATE)).isSameAs(KeyEquality.forType(ColumnType.INT));
    assertThat(KeyEquality.forType(ColumnType.TIMESTAMP)).isSameAs(KeyEquality.forType(ColumnType.LONG));
    assertThat(KeyEquality.forType(ColumnType.decimal(10, 2))).isSameAs(KeyEquality.forType(ColumnType.LONG));
    assertThat(KeyEquality.forType(ColumnType.decimal(30, 2)).layout()).isEqualTo(VectorLayout.WIDE_DECIMAL);
  }

  @Test
  void aKernelRefusesVectorsOfAnotherLayoutOrTwoTypes() {
    ColumnVector longs = new LongVector(ColumnType.LONG, new long[] {1}, null, 1);
    ColumnVector ints = new IntVector(ColumnType.INT, new int[] {1}, null, 1);
    ColumnVector dates = new IntVector(ColumnType.DATE, new int[] {1}, null, 1);
    assertThatThrownBy(() -> KeyEquality.forType(ColumnType.INT).andEqual(longs, new int[] {0}, longs, new int[] {0}, 1, new boolean[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INT key equality cannot compare keys of type bigint");
    assertThatThrownBy(() -> KeyEquality.forType(ColumnType.INT).andEqual(ints, new int[] {0}, dates, new int[] {0}, 1, new boolean[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot compare keys of types int and date");
  }
}
