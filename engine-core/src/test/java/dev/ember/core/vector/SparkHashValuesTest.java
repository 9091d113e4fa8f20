package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The row hash is Spark's: these expectations were measured with {@code SELECT hash(...)} on Spark
 * 3.5.9, not computed with {@link VectorHashing}, so a changed constant or a different string
 * encoding fails here (and rows would no longer be partitioned as Spark partitions them).
 */
class SparkHashValuesTest {
  private static int hashOf(ColumnVector column) {
    int[] hashes = new int[1];
    VectorHashing.hashRows(new ColumnVector[] {column}, 1, hashes);
    return hashes[0];
  }

  @Test
  void intsAndLongs() {
    assertThat(hashOf(new IntVector(ColumnType.INT, new int[] {1}, null, 1))).isEqualTo(-559580957);
    assertThat(hashOf(new IntVector(ColumnType.INT, new int[] {0}, null, 1))).isEqualTo(933211791);
    assertThat(hashOf(new IntVector(ColumnType.INT, new int[] {-1}, null, 1))).isEqualTo(-1604776387);
    assertThat(hashOf(new LongVector(ColumnType.LONG, new long[] {1L}, null, 1))).isEqualTo(-1712319331);
  }

  @Test
  void doublesBooleansAndDates() {
    assertThat(hashOf(new DoubleVector(ColumnType.DOUBLE, new double[] {1.5d}, null, 1))).isEqualTo(1290763749);
    assertThat(hashOf(new BooleanVector(ColumnType.BOOLEAN, new boolean[] {true}, null, 1))).isEqualTo(-559580957);
    int leapDay = (int) LocalDate.of(2024, 2, 29).toEpochDay();
    assertThat(hashOf(new IntVector(ColumnType.DATE, new int[] {leapDay}, null, 1))).isEqualTo(653915859);
  }

  @Test
  void stringsHashTheirUtf8BytesAsSpark() {
    assertThat(hashOf(new StringVector(ColumnType.STRING, new String[] {"a"}, null, 1))).isEqualTo(1485273170);
    assertThat(hashOf(new StringVector(ColumnType.STRING, new String[] {"Ember"}, null, 1))).isEqualTo(-1857557400);
    StringVector dictionary = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {1},
        new StringVector(ColumnType.STRING, new String[] {"a", "Ember"}, null, 2), null, 1);
    assertThat(hashOf(dictionary)).as("a dictionary row hashes its value").isEqualTo(-1857557400);
  }

  @Test
  void theByteHashEqualsSparksOnAnyBytesAndOffsets() {
    long seed = dev.ember.core.testing.TestSeeds.seed(18);
    java.util.Random random = new java.util.Random(seed);
    for (int round = 0; round < 2_000; round++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int to = from + random.nextInt(bytes.length - from + 1);
      assertThat(VectorHashing.hashBytes(bytes, from, to - from, 42))
          .as(dev.ember.core.testing.TestSeeds.describe(seed))
          .isEqualTo(sparkHashUnsafeBytes(java.util.Arrays.copyOfRange(bytes, from, to), 42));
    }
  }

  /**
   * Spark's rule (Murmur3Hash of a DecimalType): precision <= 18 hashes the unscaled long, as a
   * LONG; wider hashes the two's-complement bytes of the unscaled BigInteger with hashUnsafeBytes.
   * So 0.01 as DECIMAL(10,2) hashes as 1L, and the wide unscaled 97 (byte 0x61) and the unscaled
   * value whose bytes are "Ember" hash as the strings 'a' and 'Ember' measured above.
   */
  @Test
  void decimalsHashTheirUnscaledValueAsSpark() {
    assertThat(hashOf(new LongVector(ColumnType.decimal(10, 2), new long[] {1L}, null, 1))).isEqualTo(-1712319331);
    java.math.BigDecimal a = new java.math.BigDecimal(java.math.BigInteger.valueOf(97), 0);
    assertThat(hashOf(DecimalVector.of(ColumnType.decimal(20, 0), new java.math.BigDecimal[] {a}, null, 1))).isEqualTo(1485273170);
    java.math.BigInteger ember = new java.math.BigInteger("Ember".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    java.math.BigDecimal wide = new java.math.BigDecimal(ember, 5);
    assertThat(hashOf(DecimalVector.of(ColumnType.decimal(38, 5), new java.math.BigDecimal[] {wide}, null, 1))).isEqualTo(-1857557400);
    // Negative values hash their sign-extended minimal bytes: -1 is the single byte 0xff.
    java.math.BigDecimal minusOne = new java.math.BigDecimal(java.math.BigInteger.ONE.negate(), 0);
    assertThat(VectorHashing.hashDecimal(minusOne, 42)).isEqualTo(sparkHashUnsafeBytes(new byte[] {(byte) 0xff}, 42));
  }

  @Test
  void theStreamingUtf8HashEqualsSparksByteHashOnAnyText() {
    long seed = dev.ember.core.testing.TestSeeds.seed(17);
    java.util.Random random = new java.util.Random(seed);
    int[] codePoints = {'a', 'Z', '0', 0xE9, 0x3B1, 0x4E2D, 0x1F600, 0x10FFFF, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF};
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      assertThat(VectorHashing.hashString(text.toString(), 42))
          .as("text %s, %s", text, dev.ember.core.testing.TestSeeds.describe(seed))
          .isEqualTo(sparkHashUnsafeBytes(bytes, 42));
    }
  }

  /** Spark's Murmur3_x86_32.hashUnsafeBytes written out from its source, over a byte array. */
  private static int sparkHashUnsafeBytes(byte[] bytes, int seed) {
    int aligned = bytes.length - bytes.length % 4;
    int h1 = seed;
    for (int i = 0; i < aligned; i += 4) {
      int word = (bytes[i] & 0xFF) | (bytes[i + 1] & 0xFF) << 8 | (bytes[i + 2] & 0xFF) << 16 | (bytes[i + 3] & 0xFF) << 24;
      h1 = mixH1(h1, mixK1(word));
    }
    for (int i = aligned; i < bytes.length; i++) {
      h1 = mixH1(h1, mixK1(bytes[i]));
    }
    h1 ^= bytes.length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }

  private static int mixK1(int k1) {
    return Integer.rotateLeft(k1 * 0xcc9e2d51, 15) * 0x1b873593;
  }

  private static int mixH1(int h1, int k1) {
    return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
  }

  @Test
  void aNullLeavesTheSeed42() {
    assertThat(hashOf(new IntVector(ColumnType.INT, new int[] {7}, new boolean[] {true}, 1))).isEqualTo(42);
  }
}
