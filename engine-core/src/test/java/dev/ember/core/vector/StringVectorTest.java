package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The UTF-8 layouts of {@link StringVector} (plain and dictionary) against plain Java strings as the
 * reference, on random text with 1- to 4-byte characters (surrogate pairs in Java), empty strings
 * and nulls: values, character counts, Spark's byte order, equality, hashes, gather, and the
 * builder's copies between layouts.
 */
class StringVectorTest {
  private static final int[] CODE_POINTS = {'a', 'b', 'Z', ' ', '%', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0x4E2D, 0xE000,
      0xFF21, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(4) == 0 ? 0 : random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
    }
    return text.toString();
  }

  /** Reference rows: few distinct values (so dictionaries repeat), a null now and then. */
  private static String[] randomRows(Random random, int rows, int distinct) {
    String[] pool = new String[distinct];
    for (int i = 0; i < distinct; i++) {
      pool[i] = randomText(random);
    }
    String[] values = new String[rows];
    for (int row = 0; row < rows; row++) {
      values[row] = random.nextInt(6) == 0 ? null : pool[random.nextInt(distinct)];
    }
    return values;
  }

  private static StringVector plainOf(String[] values) {
    boolean[] nulls = new boolean[values.length];
    for (int row = 0; row < values.length; row++) {
      nulls[row] = values[row] == null;
    }
    return new StringVector(ColumnType.STRING, values, nulls, values.length);
  }

  private static List<StringVector> layoutsOf(String[] values) {
    StringVector plain = plainOf(values);
    VectorBuilder builder = VectorBuilder.forType(ColumnType.STRING, 1);
    for (String value : values) {
      builder.appendString(value);
    }
    return List.of(plain, (StringVector) builder.build(), StringLayouts.dictionaryEncoded(plain));
  }

  private static void assertRows(StringVector vector, String[] expected, String description) {
    assertThat(vector.size()).as(description).isEqualTo(expected.length);
    for (int row = 0; row < expected.length; row++) {
      assertThat(vector.get(row)).as("%s, row %d", description, row).isEqualTo(expected[row]);
      assertThat(vector.isNull(row)).as("%s, row %d", description, row).isEqualTo(expected[row] == null);
    }
  }

  @Test
  void everyLayoutHoldsTheRowsAndCountsCharactersNotBytes() {
    long seed = TestSeeds.seed(81);
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      String[] values = randomRows(random, random.nextInt(200), 1 + random.nextInt(20));
      for (StringVector vector : layoutsOf(values)) {
        String description = "%s dictionary=%s, %s".formatted(round, vector.isDictionary(), TestSeeds.describe(seed));
        assertRows(vector, values, description);
        for (int row = 0; row < values.length; row++) {
          if (values[row] != null) {
            assertThat(vector.characterCount(row)).as(description)
                .isEqualTo(values[row].codePointCount(0, values[row].length()));
            assertThat(vector.byteLength(row)).as(description).isEqualTo(Utf8.encode(values[row]).length);
          }
        }
      }
    }
  }

  @Test
  void orderEqualityAndHashesAgreeAcrossLayoutsAndDictionaries() {
    long seed = TestSeeds.seed(82);
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      String[] left = randomRows(random, 100, 8);
      String[] right = randomRows(random, 100, 8);
      for (StringVector a : layoutsOf(left)) {
        for (StringVector b : layoutsOf(right)) {
          String description = "round %d, %s vs %s, %s".formatted(
              round, a.isDictionary(), b.isDictionary(), TestSeeds.describe(seed));
          for (int i = 0; i < left.length; i++) {
            int j = random.nextInt(right.length);
            if (left[i] == null || right[j] == null) {
              continue;
            }
            assertThat(Integer.signum(a.compareRow(i, b, j))).as(description)
                .isEqualTo(Integer.signum(StringLayouts.compareCodePoints(left[i], right[j])));
            assertThat(a.equalsRow(i, b, j)).as(description).isEqualTo(left[i].equals(right[j]));
            assertThat(Integer.signum(ValueComparison.compare(a, i, b, j))).as(description)
                .isEqualTo(Integer.signum(StringLayouts.compareCodePoints(left[i], right[j])));
            assertThat(a.hash(i, 7)).as(description).isEqualTo(VectorHashing.hashString(left[i], 7));
          }
        }
      }
    }
  }

  @Test
  void aDictionaryKeyHashesAsThePlainOneInAnyKeyPosition() {
    long seed = TestSeeds.seed(83);
    Random random = new Random(seed);
    String[] first = randomRows(random, 300, 5);
    String[] second = randomRows(random, 300, 40);
    StringVector firstPlain = plainOf(first);
    StringVector secondPlain = plainOf(second);
    int[] expected = new int[300];
    VectorHashing.hashRows(new ColumnVector[] {firstPlain, secondPlain}, 300, expected);
    int[] actual = new int[300];
    VectorHashing.hashRows(new ColumnVector[] {
        StringLayouts.dictionaryEncoded(firstPlain), StringLayouts.dictionaryEncoded(secondPlain)}, 300, actual);
    assertThat(actual).as(TestSeeds.describe(seed)).isEqualTo(expected);
  }

  @Test
  void gatherKeepsTheDictionaryAndMissingPositionsAreNull() {
    long seed = TestSeeds.seed(84);
    Random random = new Random(seed);
    String[] values = randomRows(random, 64, 6);
    int[] positions = new int[100];
    String[] expected = new String[100];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = random.nextInt(8) == 0 ? -1 : random.nextInt(values.length);
      expected[i] = positions[i] < 0 ? null : values[positions[i]];
    }
    for (StringVector vector : layoutsOf(values)) {
      StringVector gathered = vector.gather(positions, positions.length);
      assertRows(gathered, expected, "gather, dictionary=" + vector.isDictionary() + ", " + TestSeeds.describe(seed));
      assertThat(gathered.isDictionary()).isEqualTo(vector.isDictionary());
      if (vector.isDictionary()) {
        assertThat(gathered.dictionary()).isSameAs(vector.dictionary());
      }
      assertRows((StringVector) vector.slice(10, 30), Arrays.copyOfRange(values, 10, 30), "slice");
    }
  }

  @Test
  void theBuilderCopiesRowsRangesAndNullsFromMixedLayouts() {
    long seed = TestSeeds.seed(85);
    Random random = new Random(seed);
    List<String> expected = new ArrayList<>();
    VectorBuilder builder = VectorBuilder.forType(ColumnType.STRING, 4);
    List<ColumnVector> parts = new ArrayList<>();
    for (int round = 0; round < 30; round++) {
      String[] values = randomRows(random, 1 + random.nextInt(50), 1 + random.nextInt(10));
      StringVector source = layoutsOf(values).get(random.nextInt(3));
      parts.add(source);
      switch (random.nextInt(4)) {
        case 0 -> {
          int from = random.nextInt(values.length);
          int to = from + random.nextInt(values.length - from + 1);
          builder.appendRange(source, from, to);
          expected.addAll(Arrays.asList(values).subList(from, to));
        }
        case 1 -> {
          int[] rows = random.ints(values.length, 0, values.length).toArray();
          builder.appendRows(source, rows, rows.length);
          for (int row : rows) {
            expected.add(values[row]);
          }
        }
        case 2 -> {
          int row = random.nextInt(values.length);
          builder.appendFrom(source, row);
          expected.add(values[row]);
        }
        default -> {
          builder.appendNulls(3);
          expected.addAll(Arrays.asList(null, null, null));
        }
      }
    }
    String description = TestSeeds.describe(seed);
    assertRows((StringVector) builder.build(), expected.toArray(new String[0]), "builder, " + description);
    List<String> concatenated = new ArrayList<>();
    for (ColumnVector part : parts) {
      for (int row = 0; row < part.size(); row++) {
        concatenated.add(((StringVector) part).get(row));
      }
    }
    assertRows((StringVector) ColumnVector.concat(ColumnType.STRING, parts), concatenated.toArray(new String[0]),
        "concat, " + description);
  }

  @Test
  void rowRanksFollowSparksByteOrder() {
    // UTF-16 order puts U+FF21 after U+1F600 (a surrogate pair starts with 0xD83D); Spark's byte order puts it before.
    String[] values = {"\uD83D\uDE00", "\uFF21", "", "b", "a", "\uFF21", null, "ab"};
    StringVector dictionary = StringLayouts.dictionaryEncoded(plainOf(values));
    int[] ranks = dictionary.rowRanks();
    assertThat(ranks[2]).isLessThan(ranks[4]);
    assertThat(ranks[4]).isLessThan(ranks[7]);
    assertThat(ranks[7]).isLessThan(ranks[3]);
    assertThat(ranks[3]).isLessThan(ranks[1]);
    assertThat(ranks[1]).isEqualTo(ranks[5]).isLessThan(ranks[0]);
  }

  @Test
  void aDictionaryOfRepeatedValuesTakesLessMemoryThanPlainBytes() {
    String[] values = new String[4096];
    Arrays.fill(values, "DELIVER IN PERSON");
    StringVector plain = plainOf(values);
    StringVector dictionary = StringLayouts.dictionaryEncoded(plain);
    assertThat(dictionary.dictionary().size()).isEqualTo(1);
    assertThat(dictionary.retainedBytes()).isLessThan(plain.retainedBytes() / 3);
    assertThat(BatchSizes.estimateBytes(dictionary)).isLessThan(BatchSizes.estimateBytes(plain) / 3);
  }
}
