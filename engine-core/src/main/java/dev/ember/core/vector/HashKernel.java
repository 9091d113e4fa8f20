package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;

/**
 * The row-hash loop of one vector layout ({@link VectorLayout}): mixes a key column into the running
 * row hashes as {@link VectorHashing} defines them (Spark's Murmur3; a null leaves the hash as it
 * is). One stateless instance per layout, shared by all threads.
 *
 * <p>Why objects and not a type switch: a driver that hashes its keys per batch used to inline a
 * switch over the vector classes with one loop per class; a query with a key type the driver had
 * not met deoptimized it and the JIT compiled the driver again, with all its inlined loops. Callers
 * now go through {@link #combine}, one call site that every key column of the engine passes: the
 * JIT sees all kernel classes there and calls each kernel's own compiled loop. One virtual call per
 * batch and column, none per row.
 */
public abstract sealed class HashKernel
    permits HashKernel.Booleans, HashKernel.Ints, HashKernel.Longs, HashKernel.Doubles, HashKernel.Strings,
        HashKernel.WideDecimals {
  private static final HashKernel[] BY_LAYOUT = {
    new Booleans(), new Ints(), new Longs(), new Doubles(), new Strings(), new WideDecimals(),
  };

  static {
    // The array is indexed by layout ordinal: keep the two lists in one order.
    for (VectorLayout layout : VectorLayout.values()) {
      if (BY_LAYOUT[layout.ordinal()].layout != layout) {
        throw new AssertionError("hash kernel of " + layout + " out of place");
      }
    }
  }

  private final VectorLayout layout;

  private HashKernel(VectorLayout layout) {
    this.layout = layout;
  }

  /** The kernel for vectors of {@code type}. */
  public static HashKernel forType(ColumnType type) {
    return BY_LAYOUT[VectorLayout.of(type).ordinal()];
  }

  /** The layout this kernel reads. */
  public final VectorLayout layout() {
    return layout;
  }

  /**
   * Mixes rows {@code [0, rowCount)} of {@code column} (a vector of this kernel's layout) into
   * {@code hashes}. The one call site of every kernel's loop: see the class comment.
   */
  public final void combine(ColumnVector column, int rowCount, int[] hashes) {
    if (VectorLayout.of(column.type()) != layout) {
      throw new IllegalArgumentException("the " + layout + " hash kernel cannot hash a " + column.type() + " column");
    }
    combineRows(column, rowCount, hashes);
  }

  abstract void combineRows(ColumnVector column, int rowCount, int[] hashes);

  static final class Booleans extends HashKernel {
    Booleans() {
      super(VectorLayout.BOOLEAN);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      boolean[] values = ((BooleanVector) column).values;
      boolean[] nulls = column.nulls;
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          hashes[i] = VectorHashing.hashInt(values[i] ? 1 : 0, hashes[i]);
        }
      }
    }
  }

  /** INT and DATE. */
  static final class Ints extends HashKernel {
    Ints() {
      super(VectorLayout.INT);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      int[] values = ((IntVector) column).values;
      boolean[] nulls = column.nulls;
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          hashes[i] = VectorHashing.hashInt(values[i], hashes[i]);
        }
      }
    }
  }

  /** LONG, TIMESTAMP and compact DECIMAL (Spark hashes a decimal of up to 18 digits as its unscaled long). */
  static final class Longs extends HashKernel {
    Longs() {
      super(VectorLayout.LONG);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      long[] values = ((LongVector) column).values;
      boolean[] nulls = column.nulls;
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          hashes[i] = VectorHashing.hashLong(values[i], hashes[i]);
        }
      }
    }
  }

  /** -0.0 hashes as 0.0 and every NaN alike ({@link VectorHashing#normalizedBits}). */
  static final class Doubles extends HashKernel {
    Doubles() {
      super(VectorLayout.DOUBLE);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      double[] values = ((DoubleVector) column).values;
      boolean[] nulls = column.nulls;
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          hashes[i] = VectorHashing.hashLong(VectorHashing.normalizedBits(values[i]), hashes[i]);
        }
      }
    }
  }

  /**
   * Strings hash their UTF-8 bytes where they lie. A dictionary column whose rows all still hold the
   * seed (it is the first key) takes each entry's hash, computed once per dictionary.
   */
  static final class Strings extends HashKernel {
    Strings() {
      super(VectorLayout.STRING);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      StringVector vector = (StringVector) column;
      boolean[] nulls = vector.nulls;
      if (vector.isDictionary() && allSeed(hashes, rowCount)) {
        int[] entryHashes = vector.dictionarySeedHashes();
        int[] ids = vector.ids();
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            hashes[i] = entryHashes[ids[i]];
          }
        }
        return;
      }
      byte[] data = vector.data();
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          int start = vector.start(i);
          hashes[i] = VectorHashing.hashBytes(data, start, vector.end(i) - start, hashes[i]);
        }
      }
    }

    private static boolean allSeed(int[] hashes, int rowCount) {
      for (int i = 0; i < rowCount; i++) {
        if (hashes[i] != VectorHashing.SEED) {
          return false;
        }
      }
      return true;
    }
  }

  /** DECIMAL wider than 18 digits: Spark's hash of the unscaled value's two's-complement bytes. */
  static final class WideDecimals extends HashKernel {
    WideDecimals() {
      super(VectorLayout.WIDE_DECIMAL);
    }

    @Override
    void combineRows(ColumnVector column, int rowCount, int[] hashes) {
      DecimalVector vector = (DecimalVector) column;
      long[] high = vector.high;
      long[] low = vector.low;
      boolean[] nulls = vector.nulls;
      // Per call, not per kernel: the kernel is shared by threads.
      byte[] bytes = new byte[16];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          hashes[i] = VectorHashing.hashDecimal(high[i], low[i], bytes, hashes[i]);
        }
      }
    }
  }
}
