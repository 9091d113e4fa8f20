package dev.ember.core.vector;

/**
 * Row hashes over key columns, computed a column at a time: {@code hash = murmur3(value, hash)}
 * for each key column in order, starting from {@link #SEED}; a null leaves the hash unchanged, as
 * Spark's {@code HashPartitioning}. Hash aggregate, hash join and the hash partitioner all use it,
 * so data partitioned by a key stays co-partitioned for every operator on that key.
 *
 * <p>Doubles hash -0.0 as 0.0 and every NaN alike, so values that compare equal hash equal.
 * Strings hash their UTF-8 bytes as Spark's {@code Murmur3_x86_32.hashUnsafeBytes}, so a row hashes
 * (and partitions) exactly as in Spark: {@code hash(1)}, {@code hash('a')}, ... give Spark's values.
 *
 * <p>The per-column loops are the {@link HashKernel}s, one per {@link VectorLayout}; this class holds
 * the entry points and the Murmur3 primitives they share.
 */
public final class VectorHashing {
  public static final int SEED = 42;

  private VectorHashing() {}

  /**
   * Fills {@code hashes[0..rowCount)} with the hash of each row's key columns. Each column's loop is
   * its layout's {@link HashKernel}, picked per batch without a branch on the type and called through
   * the kernels' one shared call site, so no caller inlines a loop per type.
   */
  public static void hashRows(ColumnVector[] keys, int rowCount, int[] hashes) {
    java.util.Arrays.fill(hashes, 0, rowCount, SEED);
    for (ColumnVector key : keys) {
      HashKernel.forType(key.type()).combine(key, rowCount, hashes);
    }
  }

  /** Mixes one more column into {@code hashes}. */
  public static void combine(ColumnVector column, int rowCount, int[] hashes) {
    HashKernel.forType(column.type()).combine(column, rowCount, hashes);
  }

  private static final java.lang.invoke.VarHandle LITTLE_ENDIAN_INTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /**
   * Spark's {@code Murmur3_x86_32.hashUnsafeBytes} of {@code bytes[start, start + length)}: whole
   * 4-byte words little-endian, then each remaining byte on its own (sign extended), then the final
   * mix with the byte length.
   */
  public static int hashBytes(byte[] bytes, int start, int length, int seed) {
    int h1 = seed;
    int aligned = length & ~3;
    for (int i = 0; i < aligned; i += 4) {
      h1 = mixH1(h1, mixK1((int) LITTLE_ENDIAN_INTS.get(bytes, start + i)));
    }
    for (int i = aligned; i < length; i++) {
      h1 = mixH1(h1, mixK1(bytes[start + i]));
    }
    return fmix(h1, length);
  }

  /** {@code pmod(hash, partitions)}: the partition of a row with this hash. */
  public static int partitionOf(int hash, int partitionCount) {
    int modulus = hash % partitionCount;
    // A negative remainder moves up by the count: added as the sign's mask, not on a branch.
    return modulus + (partitionCount & (modulus >> 31));
  }

  /**
   * {@link #partitionOf} of each of {@code hashes[0, rows)}, into {@code partitions}. A power-of-two
   * count (local[2]'s 2, Spark's usual choices) takes the hash's low bits, which is the same pmod in
   * two's complement, without a division per row.
   */
  public static void partitionsOf(int[] hashes, int rows, int partitionCount, int[] partitions) {
    if ((partitionCount & (partitionCount - 1)) == 0) {
      lowBits(hashes, rows, partitionCount - 1, partitions);
    } else {
      remainders(hashes, rows, partitionCount, partitions);
    }
  }

  private static void lowBits(int[] hashes, int rows, int mask, int[] partitions) {
    for (int row = 0; row < rows; row++) {
      partitions[row] = hashes[row] & mask;
    }
  }

  private static void remainders(int[] hashes, int rows, int partitionCount, int[] partitions) {
    for (int row = 0; row < rows; row++) {
      partitions[row] = partitionOf(hashes[row], partitionCount);
    }
  }

  /** The bits that equal doubles share: -0.0 as 0.0, one NaN. */
  public static long normalizedBits(double value) {
    if (value == 0.0d) {
      return 0L;
    }
    return Double.doubleToLongBits(value);
  }

  // Murmur3 x86_32, as in Spark's Murmur3_x86_32.hashInt / hashLong.
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  public static int hashInt(int input, int seed) {
    int k1 = mixK1(input);
    int h1 = mixH1(seed, k1);
    return fmix(h1, 4);
  }

  public static int hashLong(long input, int seed) {
    int low = (int) input;
    int high = (int) (input >>> 32);
    int k1 = mixK1(low);
    int h1 = mixH1(seed, k1);
    k1 = mixK1(high);
    h1 = mixH1(h1, k1);
    return fmix(h1, 8);
  }

  /**
   * Spark's hash of a decimal wider than 18 digits: {@code hashUnsafeBytes} over the two's-complement
   * bytes of the unscaled value ({@code BigInteger.toByteArray}). A compact decimal hashes its
   * unscaled long with {@link #hashLong}, as a LONG does.
   */
  public static int hashDecimal(java.math.BigDecimal value, int seed) {
    return hashBytes(value.unscaledValue().toByteArray(), seed);
  }

  /**
   * {@link #hashDecimal(java.math.BigDecimal, int)} of a 128-bit unscaled value without a BigInteger:
   * the same shortest two's-complement bytes ({@code BigInteger.toByteArray}), written big-endian
   * into {@code scratch} (16 bytes, reused across rows) and hashed from where they start.
   */
  public static int hashDecimal(long high, long low, byte[] scratch, int seed) {
    int length = dev.ember.core.types.Int128.minimalByteLength(high, low);
    dev.ember.core.types.Int128.toBigEndianBytes(high, low, scratch);
    return hashBytes(scratch, 16 - length, length, seed);
  }

  /** Spark's {@code Murmur3_x86_32.hashUnsafeBytes} of the whole array. */
  public static int hashBytes(byte[] bytes, int seed) {
    return hashBytes(bytes, 0, bytes.length, seed);
  }

  /**
   * Spark's {@code hashUnsafeBytes} over the UTF-8 bytes of {@code value}, encoded on the fly (no
   * byte array per row): whole 4-byte words little-endian, then each remaining byte on its own (sign
   * extended), then the final mix with the byte length.
   */
  public static int hashString(String value, int seed) {
    int h1 = seed;
    int word = 0;
    int wordBytes = 0;
    int length = 0;
    int charCount = value.length();
    for (int i = 0; i < charCount; i++) {
      int codePoint = value.charAt(i);
      if (Character.isHighSurrogate((char) codePoint) && i + 1 < charCount
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        codePoint = Character.toCodePoint((char) codePoint, value.charAt(++i));
      } else if (Character.isSurrogate((char) codePoint)) {
        codePoint = '?'; // an unpaired surrogate encodes as '?', as String.getBytes(UTF_8)
      }
      int encoded;
      int byteCount;
      if (codePoint < 0x80) {
        encoded = codePoint;
        byteCount = 1;
      } else if (codePoint < 0x800) {
        encoded = (0xC0 | (codePoint >>> 6)) | ((0x80 | (codePoint & 0x3F)) << 8);
        byteCount = 2;
      } else if (codePoint < 0x10000) {
        encoded = (0xE0 | (codePoint >>> 12)) | ((0x80 | ((codePoint >>> 6) & 0x3F)) << 8)
            | ((0x80 | (codePoint & 0x3F)) << 16);
        byteCount = 3;
      } else {
        encoded = (0xF0 | (codePoint >>> 18)) | ((0x80 | ((codePoint >>> 12) & 0x3F)) << 8)
            | ((0x80 | ((codePoint >>> 6) & 0x3F)) << 16) | ((0x80 | (codePoint & 0x3F)) << 24);
        byteCount = 4;
      }
      for (int b = 0; b < byteCount; b++) {
        word |= ((encoded >>> (8 * b)) & 0xFF) << (8 * wordBytes);
        if (++wordBytes == 4) {
          h1 = mixH1(h1, mixK1(word));
          word = 0;
          wordBytes = 0;
        }
      }
      length += byteCount;
    }
    for (int b = 0; b < wordBytes; b++) {
      h1 = mixH1(h1, mixK1((byte) (word >>> (8 * b))));
    }
    return fmix(h1, length);
  }

  private static int mixK1(int k1) {
    k1 *= C1;
    k1 = Integer.rotateLeft(k1, 15);
    k1 *= C2;
    return k1;
  }

  private static int mixH1(int h1, int k1) {
    h1 ^= k1;
    h1 = Integer.rotateLeft(h1, 13);
    h1 = h1 * 5 + 0xe6546b64;
    return h1;
  }

  private static int fmix(int h1, int length) {
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }
}
