package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Row hashes pinned to the values the type-switch implementation of {@link VectorHashing} (before the
 * per-type hash kernels) computed on the same data: shuffle partitioning, co-partitioned joins and
 * cached run files depend on them, so a kernel that hashes one bit differently fails here. The data
 * comes from a fixed {@link Random} seed on purpose (not {@code TestSeeds}): the expectations belong
 * to this data.
 */
class PinnedKeyHashesTest {
  private static final ColumnType WIDE = ColumnType.decimal(30, 4);
  private static final ColumnType COMPACT = ColumnType.decimal(12, 2);

  private static int[] hashRows(ColumnVector... columns) {
    int rows = columns[0].size();
    int[] hashes = new int[rows];
    VectorHashing.hashRows(columns, rows, hashes);
    return hashes;
  }

  private static int hashOf(ColumnVector column) {
    return hashRows(column)[0];
  }

  @Test
  void singleValuesOfEveryKeyKind() {
    assertThat(hashOf(new BooleanVector(ColumnType.BOOLEAN, new boolean[] {false}, null, 1))).isEqualTo(933211791);
    assertThat(hashOf(new IntVector(ColumnType.INT, new int[] {Integer.MIN_VALUE}, null, 1))).isEqualTo(723455942);
    assertThat(hashOf(new IntVector(ColumnType.DATE, new int[] {-719162}, null, 1))).isEqualTo(-1147107224);
    assertThat(hashOf(new LongVector(ColumnType.LONG, new long[] {Long.MIN_VALUE}, null, 1))).isEqualTo(-853646085);
    assertThat(hashOf(new LongVector(ColumnType.TIMESTAMP, new long[] {1_700_000_000_123_456L}, null, 1))).isEqualTo(-1935367823);
    assertThat(hashOf(new LongVector(COMPACT, new long[] {-123_456_789L}, null, 1))).isEqualTo(-216967921);
    assertThat(hashOf(new DoubleVector(ColumnType.DOUBLE, new double[] {Math.PI}, null, 1))).isEqualTo(-430070052);
    assertThat(hashOf(new StringVector(ColumnType.STRING, new String[] {""}, null, 1))).isEqualTo(142593372);
    assertThat(hashOf(new StringVector(ColumnType.STRING, new String[] {"日本😀é"}, null, 1))).isEqualTo(286145739);
    assertThat(hashOf(DecimalVector.of(WIDE, new BigDecimal[] {new BigDecimal("-12345678901234567890.1234")}, null, 1)))
        .isEqualTo(1547522907);
  }

  @Test
  void equalDoublesHashAlike() {
    DoubleVector doubles = new DoubleVector(ColumnType.DOUBLE,
        new double[] {0.0, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), -Double.NaN}, null, 5);
    int[] hashes = hashRows(doubles);
    assertThat(hashes[0]).isEqualTo(-1670924195);
    assertThat(hashes[1]).isEqualTo(hashes[0]);
    assertThat(hashes[2]).isEqualTo(-1281358385);
    assertThat(hashes[3]).isEqualTo(hashes[2]);
    assertThat(hashes[4]).isEqualTo(hashes[2]);
  }

  @Test
  void severalColumnsWithNullsAndBothStringLayouts() {
    IntVector ints = new IntVector(ColumnType.INT, new int[] {1, 0, 7, -3}, new boolean[] {false, true, false, false}, 4);
    StringVector plain = new StringVector(ColumnType.STRING, new String[] {"MAIL", null, "", "AIR"}, new boolean[] {false, true, false, false}, 4);
    StringVector dictionary = StringLayouts.dictionaryEncoded(plain);
    DoubleVector doubles = new DoubleVector(ColumnType.DOUBLE, new double[] {2.5, 0, -0.0, 1e300}, new boolean[] {false, false, false, true}, 4);
    int[] expected = {1979676068, -1670924195, 1101532166, -944812378};
    assertThat(hashRows(ints, plain, doubles)).containsExactly(expected);
    assertThat(hashRows(ints, dictionary, doubles)).containsExactly(expected);
    int[] stringFirst = {-1450444862, 42, -1030292107, 80332809};
    // A dictionary column first takes its entries' cached seed hashes: the same values as the bytes.
    assertThat(hashRows(plain, ints)).containsExactly(stringFirst);
    assertThat(hashRows(dictionary, ints)).containsExactly(stringFirst);
  }

  @Test
  void randomRowsOfEveryKindFoldToThePinnedDigest() {
    Random random = new Random(20_261_206L);
    int rows = 3_000;
    ColumnVector[] columns = randomColumns(random, rows);
    assertThat(digest(hashRows(columns))).isEqualTo(1320117296086389829L);
    ColumnVector[] withDictionary = columns.clone();
    withDictionary[4] = StringLayouts.dictionaryEncoded((StringVector) columns[4]);
    assertThat(digest(hashRows(withDictionary))).isEqualTo(1320117296086389829L);
    // The string column first: the dictionary's seed-hash path against the byte path.
    ColumnVector[] stringFirst = {columns[4], columns[1], columns[6]};
    assertThat(digest(hashRows(stringFirst))).isEqualTo(240930609137111049L);
    ColumnVector[] dictionaryFirst = {withDictionary[4], columns[1], columns[6]};
    assertThat(digest(hashRows(dictionaryFirst))).isEqualTo(240930609137111049L);
  }

  private static long digest(int[] hashes) {
    long digest = 17;
    for (int hash : hashes) {
      digest = digest * 1_000_003L + hash;
    }
    return digest;
  }

  /** BOOLEAN, INT, LONG, DOUBLE, STRING, wide DECIMAL, compact DECIMAL, DATE: about a tenth null each. */
  static ColumnVector[] randomColumns(Random random, int rows) {
    boolean[][] nulls = new boolean[8][rows];
    for (boolean[] columnNulls : nulls) {
      for (int i = 0; i < rows; i++) {
        columnNulls[i] = random.nextInt(10) == 0;
      }
    }
    boolean[] booleans = new boolean[rows];
    int[] ints = new int[rows];
    long[] longs = new long[rows];
    double[] doubles = new double[rows];
    String[] strings = new String[rows];
    BigDecimal[] wide = new BigDecimal[rows];
    long[] compact = new long[rows];
    int[] dates = new int[rows];
    double[] specialDoubles = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
    String[] pool = {"", "a", "é", "日本", "😀", "a😀b", "AIR", "MAIL", "REG AIR", "TRUCK"};
    for (int i = 0; i < rows; i++) {
      booleans[i] = random.nextBoolean();
      ints[i] = random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(100) - 50;
      longs[i] = random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(1_000);
      doubles[i] = random.nextInt(4) == 0 ? specialDoubles[random.nextInt(specialDoubles.length)] : random.nextGaussian() * 1e6;
      strings[i] = nulls[4][i] ? null : random.nextBoolean() ? pool[random.nextInt(pool.length)] : Long.toString(random.nextLong(), 36);
      BigInteger unscaled = new BigInteger(1 + random.nextInt(99), random);
      wide[i] = nulls[5][i] ? null : new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), 4);
      compact[i] = random.nextLong() % 1_000_000_000_000L;
      dates[i] = random.nextInt(40_000) - 10_000;
    }
    return new ColumnVector[] {
      new BooleanVector(ColumnType.BOOLEAN, booleans, nulls[0], rows),
      new IntVector(ColumnType.INT, ints, nulls[1], rows),
      new LongVector(ColumnType.LONG, longs, nulls[2], rows),
      new DoubleVector(ColumnType.DOUBLE, doubles, nulls[3], rows),
      new StringVector(ColumnType.STRING, strings, nulls[4], rows),
      DecimalVector.of(WIDE, wide, null, rows),
      new LongVector(COMPACT, compact, nulls[6], rows),
      new IntVector(ColumnType.DATE, dates, nulls[7], rows),
    };
  }
}
