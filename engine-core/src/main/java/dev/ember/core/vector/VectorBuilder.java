package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The one growable column of Ember: a single-threaded, append-only column in primitive arrays.
 * Typed appends ({@link #appendInt} and friends) are for kernels and scans; {@link #appendObject}
 * takes the internal representation at the API edge; the bulk appends ({@link #appendRows},
 * {@link #appendAll}, {@link #appendRange}, {@link #appendNulls}) are for operators that fill the
 * column batch by batch (hash table keys, buffered join and sort inputs): each is one call of the
 * builder's appender, the loop (or {@code System.arraycopy}) of its {@link VectorLayout},
 * picked once when the builder is made.
 *
 * <p>Why appenders and not a switch on the source vector: the bulk appends run inside per-batch
 * drivers (hash table probes, batch builders); a type switch with a loop per vector class was
 * inlined into each driver, and a query bringing a vector class the driver had not met deoptimized
 * it and the JIT compiled the driver again with all its loops. The appender calls below are call
 * sites that every builder of the engine passes, so the JIT sees all appender classes there and
 * calls each one's own compiled loop; one virtual call per batch, none per row.
 *
 * <p>Strings are appended as UTF-8 bytes into one growing byte array with offsets (a dictionary
 * source's rows are copied as their bytes, so what a builder holds is always the plain layout).
 *
 * <p>{@link #build()} wraps the current arrays without copying. A builder may go on appending after
 * it, but then the vector it returned is valid only until the next append, so such callers copy
 * (slice, gather) what they emit.
 */
public final class VectorBuilder {
  private static final Appender[] APPENDERS = {
    new BooleanAppender(), new IntAppender(), new LongAppender(), new DoubleAppender(), new StringAppender(),
    new WideDecimalAppender(),
  };

  static {
    // The array is indexed by layout ordinal: keep the two lists in one order.
    for (VectorLayout layout : VectorLayout.values()) {
      if (APPENDERS[layout.ordinal()].layout != layout) {
        throw new AssertionError("appender of " + layout + " out of place");
      }
    }
  }

  private final ColumnType type;
  /** The loops of this builder's layout. */
  private final Appender appender;
  private boolean[] booleans;
  private int[] ints;
  private long[] longs;
  private double[] doubles;
  /** STRING: all rows' UTF-8 bytes, and {@code capacity + 1} offsets into them. */
  private byte[] stringBytes;
  private int[] stringOffsets;
  /** DECIMAL wider than 18 digits as 128-bit unscaled values; narrower decimals are unscaled values in {@code longs}. */
  private long[] decimalHigh;
  private long[] decimalLow;
  /** Allocated at the first null. */
  private boolean[] nulls;
  private int size;
  private int capacity;
  /** The vector {@link #build()} returned, until the next append. */
  private ColumnVector view;

  private VectorBuilder(ColumnType type, int initialCapacity) {
    this.type = type;
    this.capacity = Math.max(initialCapacity, 16);
    this.appender = APPENDERS[VectorLayout.of(type).ordinal()];
    appender.allocate(this, capacity);
  }

  /** An empty builder with room for {@code initialCapacity} rows (at least 16) before it grows. */
  public static VectorBuilder forType(ColumnType type, int initialCapacity) {
    return new VectorBuilder(type, initialCapacity);
  }

  public ColumnType type() {
    return type;
  }

  public int size() {
    return size;
  }

  /** Approximate bytes held (the arrays' capacity), for memory accounting. */
  public long retainedBytes() {
    long perSlot = appender.bytesPerSlot;
    return capacity * (perSlot + (nulls == null ? 0 : 1)) + (stringBytes == null ? 0 : stringBytes.length);
  }

  private void ensureCapacity(int needed) {
    view = null;
    if (needed <= capacity) {
      return;
    }
    int newCapacity = Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, capacity * 2L));
    appender.grow(this, newCapacity);
    if (nulls != null) {
      nulls = Arrays.copyOf(nulls, newCapacity);
    }
    capacity = newCapacity;
  }

  /** Makes room for {@code more} string bytes after the current end. */
  private void ensureStringBytes(long more) {
    long needed = (long) stringOffsets[size] + more;
    if (needed > stringBytes.length) {
      if (needed > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a string column cannot hold more than 2 GB, needed " + needed + " bytes");
      }
      stringBytes = Arrays.copyOf(stringBytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, 2L * stringBytes.length)));
    }
  }

  private void markNull(int slot) {
    if (nulls == null) {
      nulls = new boolean[capacity];
    }
    nulls[slot] = true;
  }

  public void appendNull() {
    ensureCapacity(size + 1);
    markNull(size);
    if (stringOffsets != null) {
      stringOffsets[size + 1] = stringOffsets[size];
    }
    size++;
  }

  public void appendBoolean(boolean value) {
    ensureCapacity(size + 1);
    booleans[size++] = value;
  }

  public void appendInt(int value) {
    ensureCapacity(size + 1);
    ints[size++] = value;
  }

  public void appendLong(long value) {
    ensureCapacity(size + 1);
    longs[size++] = value;
  }

  public void appendDouble(double value) {
    ensureCapacity(size + 1);
    doubles[size++] = value;
  }

  /** Appends a Java string as UTF-8 (API edge, constants and rare paths), or null. */
  public void appendString(String value) {
    if (value == null) {
      appendNull();
      return;
    }
    byte[] utf8 = Utf8.encode(value);
    appendUtf8(utf8, 0, utf8.length);
  }

  /** Appends the UTF-8 text {@code source[from, to)} as one row. */
  public void appendUtf8(byte[] source, int from, int to) {
    ensureCapacity(size + 1);
    int length = to - from;
    ensureStringBytes(length);
    int start = stringOffsets[size];
    System.arraycopy(source, from, stringBytes, start, length);
    stringOffsets[++size] = start + length;
  }

  /**
   * Appends a DECIMAL value, rounded HALF_UP to the column's scale.
   *
   * @throws IllegalArgumentException if it has more digits than the column's precision
   */
  public void appendDecimal(BigDecimal value) {
    if (value == null) {
      appendNull();
      return;
    }
    BigDecimal fitted = DecimalTypes.fit(value, type);
    if (fitted == null) {
      throw new IllegalArgumentException("decimal " + value.toPlainString() + " does not fit " + type);
    }
    ensureCapacity(size + 1);
    if (longs != null) {
      longs[size++] = DecimalTypes.unscaledLong(fitted);
    } else {
      java.math.BigInteger unscaled = fitted.unscaledValue();
      decimalHigh[size] = dev.ember.core.types.Int128.high(unscaled);
      decimalLow[size++] = dev.ember.core.types.Int128.low(unscaled);
    }
  }

  /** Appends a wide DECIMAL unscaled value (high and low 64 bits) that has the column's scale and precision (kernels). */
  public void appendWideDecimal(long high, long low) {
    ensureCapacity(size + 1);
    decimalHigh[size] = high;
    decimalLow[size++] = low;
  }

  /** Appends an internal-representation value (see {@link ColumnVector#getObject}) or null. */
  public void appendObject(Object value) {
    if (value == null) {
      appendNull();
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> appendBoolean((Boolean) value);
      case INT, DATE -> appendInt(((Number) value).intValue());
      case LONG, TIMESTAMP -> appendLong(((Number) value).longValue());
      case DOUBLE -> appendDouble(((Number) value).doubleValue());
      case STRING -> appendString((String) value);
      case DECIMAL -> appendDecimal((java.math.BigDecimal) value);
    }
  }

  /** Appends row {@code row} of a vector of the same type. */
  public void appendFrom(ColumnVector vector, int row) {
    if (vector.isNull(row)) {
      appendNull();
      return;
    }
    switch (vector) {
      case BooleanVector v -> appendBoolean(v.values[row]);
      case IntVector v -> appendInt(v.values[row]);
      case LongVector v -> appendLong(v.values[row]);
      case DoubleVector v -> appendDouble(v.values[row]);
      case StringVector v -> appendUtf8(v.data(), v.start(row), v.end(row));
      case DecimalVector v -> appendWideDecimal(v.high[row], v.low[row]);
    }
  }

  private void checkType(ColumnVector source) {
    if (!source.type().equals(type)) {
      throw new IllegalArgumentException("cannot append a " + source.type() + " vector to a " + type + " column");
    }
  }

  /** Appends {@code source} rows {@code rows[0..count)} in that order. */
  public void appendRows(ColumnVector source, int[] rows, int count) {
    checkType(source);
    ensureCapacity(size + count);
    appender.appendRows(this, source, rows, count);
    boolean[] sourceNulls = source.nulls;
    if (sourceNulls != null) {
      for (int i = 0; i < count; i++) {
        if (sourceNulls[rows[i]]) {
          markNull(size + i);
        }
      }
    }
    size += count;
  }

  /** Copies the bytes of {@code rows[0..count)} after the current end; null rows end up empty. */
  private void appendStringRows(StringVector vector, int[] rows, int count) {
    boolean[] sourceNulls = vector.nulls;
    long total = 0;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (sourceNulls == null || !sourceNulls[row]) {
        total += vector.byteLength(row);
      }
    }
    ensureStringBytes(total);
    byte[] data = vector.data();
    int end = stringOffsets[size];
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (sourceNulls == null || !sourceNulls[row]) {
        int start = vector.start(row);
        int length = vector.end(row) - start;
        System.arraycopy(data, start, stringBytes, end, length);
        end += length;
      }
      stringOffsets[size + i + 1] = end;
    }
  }

  /** A plain range is one byte copy and shifted offsets; a dictionary range copies row by row. */
  private void appendStringRange(StringVector vector, int from, int to) {
    int count = to - from;
    if (vector.isDictionary() || vector.mayHaveNulls()) {
      int[] rows = new int[count];
      for (int i = 0; i < count; i++) {
        rows[i] = from + i;
      }
      appendStringRows(vector, rows, count);
      return;
    }
    int sourceStart = count == 0 ? 0 : vector.start(from);
    int sourceEnd = count == 0 ? 0 : vector.end(to - 1);
    ensureStringBytes(sourceEnd - sourceStart);
    int end = stringOffsets[size];
    System.arraycopy(vector.data(), sourceStart, stringBytes, end, sourceEnd - sourceStart);
    int shift = end - sourceStart;
    for (int i = 0; i < count; i++) {
      stringOffsets[size + i + 1] = vector.end(from + i) + shift;
    }
  }

  /** Appends every row of {@code source}. */
  public void appendAll(ColumnVector source) {
    appendRange(source, 0, source.size());
  }

  /** Appends rows {@code [from, to)} of {@code source}, a vector of the same type. */
  public void appendRange(ColumnVector source, int from, int to) {
    checkType(source);
    int count = to - from;
    ensureCapacity(size + count);
    appender.appendRange(this, source, from, to);
    boolean[] sourceNulls = source.nulls;
    if (sourceNulls != null) {
      for (int i = 0; i < count; i++) {
        if (sourceNulls[from + i]) {
          markNull(size + i);
        }
      }
    }
    size += count;
  }

  /** Appends {@code count} null rows (the missing side of outer joins). */
  public void appendNulls(int count) {
    ensureCapacity(size + count);
    for (int i = 0; i < count; i++) {
      markNull(size + i);
    }
    appender.fillNullSlots(this, count);
    size += count;
  }

  /**
   * The rows appended so far as a vector sharing this builder's arrays: valid until the next append
   * (a builder whose vector is kept is not appended to again).
   */
  public ColumnVector build() {
    if (view == null) {
      view = appender.view(this);
    }
    return view;
  }

  /**
   * The arrays and bulk loops of one {@link VectorLayout}. Stateless, one instance per layout shared
   * by all builders and threads: each method works on the builder it is given, whose capacity the
   * caller has made room in ({@code target.size} is the first slot to write).
   */
  private abstract static sealed class Appender
      permits BooleanAppender, IntAppender, LongAppender, DoubleAppender, StringAppender, WideDecimalAppender {
    final VectorLayout layout;
    /** Bytes of one slot's value arrays (for strings, its offset), for {@link VectorBuilder#retainedBytes}. */
    final int bytesPerSlot;

    Appender(VectorLayout layout, int bytesPerSlot) {
      this.layout = layout;
      this.bytesPerSlot = bytesPerSlot;
    }

    abstract void allocate(VectorBuilder target, int capacity);

    /** Copies the value arrays into arrays of {@code newCapacity} slots. */
    abstract void grow(VectorBuilder target, int newCapacity);

    /** Copies the values of {@code source} rows {@code rows[0..count)}; the caller copies the nulls. */
    abstract void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count);

    /** Copies the values of {@code source} rows {@code [from, to)}; the caller copies the nulls. */
    abstract void appendRange(VectorBuilder target, ColumnVector source, int from, int to);

    /** Gives {@code count} null slots from {@code target.size} on their layout's null value (most layouts leave them). */
    void fillNullSlots(VectorBuilder target, int count) {}

    abstract ColumnVector view(VectorBuilder target);
  }

  private static final class BooleanAppender extends Appender {
    BooleanAppender() {
      super(VectorLayout.BOOLEAN, 1);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.booleans = new boolean[capacity];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.booleans = Arrays.copyOf(target.booleans, newCapacity);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      boolean[] values = ((BooleanVector) source).values;
      boolean[] into = target.booleans;
      int size = target.size;
      for (int i = 0; i < count; i++) {
        into[size + i] = values[rows[i]];
      }
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      System.arraycopy(((BooleanVector) source).values, from, target.booleans, target.size, to - from);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new BooleanVector(target.type, target.booleans, target.nulls, target.size);
    }
  }

  /** INT and DATE. */
  private static final class IntAppender extends Appender {
    IntAppender() {
      super(VectorLayout.INT, 4);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.ints = new int[capacity];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.ints = Arrays.copyOf(target.ints, newCapacity);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      int[] values = ((IntVector) source).values;
      int[] into = target.ints;
      int size = target.size;
      for (int i = 0; i < count; i++) {
        into[size + i] = values[rows[i]];
      }
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      System.arraycopy(((IntVector) source).values, from, target.ints, target.size, to - from);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new IntVector(target.type, target.ints, target.nulls, target.size);
    }
  }

  /** LONG, TIMESTAMP and compact DECIMAL (unscaled longs). */
  private static final class LongAppender extends Appender {
    LongAppender() {
      super(VectorLayout.LONG, 8);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.longs = new long[capacity];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.longs = Arrays.copyOf(target.longs, newCapacity);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      long[] values = ((LongVector) source).values;
      long[] into = target.longs;
      int size = target.size;
      for (int i = 0; i < count; i++) {
        into[size + i] = values[rows[i]];
      }
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      System.arraycopy(((LongVector) source).values, from, target.longs, target.size, to - from);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new LongVector(target.type, target.longs, target.nulls, target.size);
    }
  }

  private static final class DoubleAppender extends Appender {
    DoubleAppender() {
      super(VectorLayout.DOUBLE, 8);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.doubles = new double[capacity];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.doubles = Arrays.copyOf(target.doubles, newCapacity);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      double[] values = ((DoubleVector) source).values;
      double[] into = target.doubles;
      int size = target.size;
      for (int i = 0; i < count; i++) {
        into[size + i] = values[rows[i]];
      }
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      System.arraycopy(((DoubleVector) source).values, from, target.doubles, target.size, to - from);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new DoubleVector(target.type, target.doubles, target.nulls, target.size);
    }
  }

  /** UTF-8 bytes with offsets; a dictionary source's rows are copied as their bytes. */
  private static final class StringAppender extends Appender {
    StringAppender() {
      super(VectorLayout.STRING, 4);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.stringBytes = new byte[Math.max(64, capacity * 8)];
      target.stringOffsets = new int[capacity + 1];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.stringOffsets = Arrays.copyOf(target.stringOffsets, newCapacity + 1);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      target.appendStringRows((StringVector) source, rows, count);
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      target.appendStringRange((StringVector) source, from, to);
    }

    @Override
    void fillNullSlots(VectorBuilder target, int count) {
      int size = target.size;
      Arrays.fill(target.stringOffsets, size + 1, size + count + 1, target.stringOffsets[size]);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new StringVector(target.type, target.stringBytes, target.stringOffsets, target.nulls, target.size);
    }
  }

  /** DECIMAL wider than 18 digits: 128-bit unscaled values in two arrays. */
  private static final class WideDecimalAppender extends Appender {
    WideDecimalAppender() {
      super(VectorLayout.WIDE_DECIMAL, 16);
    }

    @Override
    void allocate(VectorBuilder target, int capacity) {
      target.decimalHigh = new long[capacity];
      target.decimalLow = new long[capacity];
    }

    @Override
    void grow(VectorBuilder target, int newCapacity) {
      target.decimalHigh = Arrays.copyOf(target.decimalHigh, newCapacity);
      target.decimalLow = Arrays.copyOf(target.decimalLow, newCapacity);
    }

    @Override
    void appendRows(VectorBuilder target, ColumnVector source, int[] rows, int count) {
      DecimalVector vector = (DecimalVector) source;
      long[] high = vector.high;
      long[] low = vector.low;
      long[] intoHigh = target.decimalHigh;
      long[] intoLow = target.decimalLow;
      int size = target.size;
      for (int i = 0; i < count; i++) {
        intoHigh[size + i] = high[rows[i]];
        intoLow[size + i] = low[rows[i]];
      }
    }

    @Override
    void appendRange(VectorBuilder target, ColumnVector source, int from, int to) {
      DecimalVector vector = (DecimalVector) source;
      System.arraycopy(vector.high, from, target.decimalHigh, target.size, to - from);
      System.arraycopy(vector.low, from, target.decimalLow, target.size, to - from);
    }

    /** Kernels expect 0 in a wide decimal's null slots. */
    @Override
    void fillNullSlots(VectorBuilder target, int count) {
      int size = target.size;
      Arrays.fill(target.decimalHigh, size, size + count, 0);
      Arrays.fill(target.decimalLow, size, size + count, 0);
    }

    @Override
    ColumnVector view(VectorBuilder target) {
      return new DecimalVector(target.type, target.decimalHigh, target.decimalLow, target.nulls, target.size);
    }
  }
}
