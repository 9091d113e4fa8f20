package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A column of strings as UTF-8 bytes, in one of two layouts:
 *
 * <ul>
 *   <li><b>plain</b> (Arrow's variable-width layout, Trino's {@code VariableWidthBlock}): all rows'
 *       bytes in one {@code byte[]}, row i in {@code bytes[offsets[i], offsets[i + 1])}; a null row
 *       is empty.
 *   <li><b>dictionary</b>: an {@code int} id per row into a small plain {@link #dictionary()} of
 *       distinct values (CSV columns with few distinct values, and what is gathered from them); a
 *       null row holds id 0.
 * </ul>
 *
 * <p>Kernels read rows through {@link #data()}, {@link #start(int)} and {@link #end(int)}, which
 * work for both layouts, and may use the ids directly when both sides share one dictionary
 * instance; two different dictionaries must be compared by value. Strings are only materialized by
 * {@link #get(int)}, at the API edge and on rare paths. Ordering is Spark's: UTF-8 bytes unsigned,
 * which is code point order.
 */
public final class StringVector extends ColumnVector {
  private static final int[] EMPTY_OFFSETS = {0};

  /** Plain layout: the bytes and offsets; dictionary layout: the dictionary's. */
  private final byte[] bytes;
  private final int[] offsets;
  /** Dictionary layout only: one id per row; {@code null} for the plain layout. */
  private final int[] ids;
  private final StringVector dictionary;
  /** Spark Murmur3 of each entry with {@link VectorHashing#SEED}, computed at first use (dictionaries only). */
  private volatile int[] seedHashes;

  /** A plain vector over {@code bytes} and {@code offsets} (at least {@code size + 1} entries, {@code offsets[0]} the first row's start). */
  public StringVector(ColumnType type, byte[] bytes, int[] offsets, boolean[] nulls, int size) {
    super(type, size, nulls);
    checkType(type);
    if (offsets.length < size + 1) {
      throw new IllegalArgumentException("offsets has " + offsets.length + " slots for " + size + " rows");
    }
    if (offsets[size] > bytes.length) {
      throw new IllegalArgumentException("the last row ends at " + offsets[size] + ", past " + bytes.length + " bytes");
    }
    this.bytes = bytes;
    this.offsets = offsets;
    this.ids = null;
    this.dictionary = null;
  }

  /** A plain vector of Java strings, encoded to UTF-8 (tests, constants and rare paths). */
  public StringVector(ColumnType type, String[] values, boolean[] nulls, int size) {
    this(type, Encoded.of(values, nulls, size), nulls, size);
  }

  private StringVector(ColumnType type, Encoded encoded, boolean[] nulls, int size) {
    this(type, encoded.bytes, encoded.offsets, nulls, size);
  }

  private StringVector(ColumnType type, int[] ids, StringVector dictionary, boolean[] nulls, int size) {
    super(type, size, nulls);
    checkType(type);
    if (ids.length < size) {
      throw new IllegalArgumentException("ids has " + ids.length + " slots for " + size + " rows");
    }
    if (dictionary.isDictionary() || dictionary.mayHaveNulls()) {
      throw new IllegalArgumentException("a dictionary must be a plain vector without nulls");
    }
    this.bytes = dictionary.bytes;
    this.offsets = dictionary.offsets;
    this.ids = ids;
    this.dictionary = dictionary;
  }

  /**
   * A dictionary-encoded vector: row i is {@code dictionary.get(ids[i])}. Every id of a non-null row
   * must be in range; null rows hold 0. An empty dictionary (every row null) gives a plain vector.
   */
  public static StringVector dictionaryEncoded(ColumnType type, int[] ids, StringVector dictionary, boolean[] nulls, int size) {
    if (dictionary.size() == 0) {
      for (int row = 0; row < size; row++) {
        if (nulls == null || !nulls[row]) {
          throw new IllegalArgumentException("row " + row + " is not null but the dictionary is empty");
        }
      }
      return new StringVector(type, new byte[0], new int[size + 1], nulls, size);
    }
    return new StringVector(type, ids, dictionary, nulls, size);
  }

  private static void checkType(ColumnType type) {
    if (type.kind() != TypeKind.STRING) {
      throw new IllegalArgumentException("StringVector cannot hold " + type);
    }
  }

  /** Whether rows are ids into a {@link #dictionary()}. */
  public boolean isDictionary() {
    return ids != null;
  }

  /** The ids of a dictionary vector (null rows hold 0); {@code null} for a plain one. */
  public int[] ids() {
    return ids;
  }

  /** The distinct values of a dictionary vector; {@code null} for a plain one. */
  public StringVector dictionary() {
    return dictionary;
  }

  /** The array every row's bytes are in (the dictionary's for the dictionary layout). */
  public byte[] data() {
    return bytes;
  }

  /**
   * Whether this is a plain vector whose arrays hold exactly its rows: {@code size + 1} offsets
   * from 0 and as many bytes as its rows have (what the CSV reader makes), so that a copy trimmed to
   * its rows would be the same arrays again.
   */
  public boolean isExactPlain() {
    return ids == null && offsets.length == size + 1 && offsets[0] == 0 && offsets[size] == bytes.length;
  }

  /** Where row {@code row}'s UTF-8 bytes start in {@link #data()}. */
  public int start(int row) {
    return ids == null ? offsets[row] : offsets[ids[row]];
  }

  /** Where row {@code row}'s UTF-8 bytes end (exclusive) in {@link #data()}. */
  public int end(int row) {
    return ids == null ? offsets[row + 1] : offsets[ids[row] + 1];
  }

  public int byteLength(int row) {
    return end(row) - start(row);
  }

  /** The string of a row, decoded from UTF-8; {@code null} for a null row. API edge and rare paths only. */
  public String get(int row) {
    if (isNull(row)) {
      return null;
    }
    int start = start(row);
    return new String(bytes, start, end(row) - start, StandardCharsets.UTF_8);
  }

  @Override
  public Object getObject(int row) {
    return get(row);
  }

  /** Whether non-null rows {@code row} of this and {@code otherRow} of {@code other} hold the same bytes. */
  public boolean equalsRow(int row, StringVector other, int otherRow) {
    if (ids != null && dictionary == other.dictionary) {
      return ids[row] == other.ids[otherRow];
    }
    return Arrays.equals(bytes, start(row), end(row), other.bytes, other.start(otherRow), other.end(otherRow));
  }

  /** Whether non-null row {@code row} holds exactly {@code utf8[from, to)}. */
  public boolean equalsBytes(int row, byte[] utf8, int from, int to) {
    return Arrays.equals(bytes, start(row), end(row), utf8, from, to);
  }

  /** Spark's order of two non-null rows: UTF-8 bytes compared unsigned, a prefix first. */
  public int compareRow(int row, StringVector other, int otherRow) {
    if (ids != null && dictionary == other.dictionary && ids[row] == other.ids[otherRow]) {
      return 0;
    }
    return Arrays.compareUnsigned(bytes, start(row), end(row), other.bytes, other.start(otherRow), other.end(otherRow));
  }

  /** Spark's order of a non-null row against {@code utf8[from, to)}. */
  public int compareBytes(int row, byte[] utf8, int from, int to) {
    return Arrays.compareUnsigned(bytes, start(row), end(row), utf8, from, to);
  }

  /** Spark's Murmur3 of a row's UTF-8 bytes with {@code seed}. */
  public int hash(int row, int seed) {
    int start = start(row);
    return VectorHashing.hashBytes(bytes, start, end(row) - start, seed);
  }

  /** For a dictionary: the hash with {@link VectorHashing#SEED} of each entry, computed once per dictionary. */
  int[] dictionarySeedHashes() {
    StringVector entries = dictionary;
    int[] hashes = entries.seedHashes;
    if (hashes == null) {
      // Racing threads compute the same values; the last write wins harmlessly.
      hashes = new int[entries.size];
      for (int entry = 0; entry < hashes.length; entry++) {
        hashes[entry] = entries.hash(entry, VectorHashing.SEED);
      }
      entries.seedHashes = hashes;
    }
    return hashes;
  }

  /**
   * For a dictionary vector: each row's rank in Spark's order among the dictionary's entries (equal
   * strings share a rank), so that a sort compares ints. Null rows get rank 0.
   */
  public int[] rowRanks() {
    int entries = dictionary.size;
    Integer[] order = new Integer[entries];
    for (int entry = 0; entry < entries; entry++) {
      order[entry] = entry;
    }
    StringVector values = dictionary;
    Arrays.sort(order, (left, right) -> values.compareRow(left, values, right));
    int[] rankOfEntry = new int[entries];
    int rank = 0;
    for (int i = 0; i < entries; i++) {
      if (i > 0 && values.compareRow(order[i - 1], values, order[i]) != 0) {
        rank++;
      }
      rankOfEntry[order[i]] = rank;
    }
    int[] ranks = new int[size];
    for (int row = 0; row < size; row++) {
      ranks[row] = rankOfEntry[ids[row]];
    }
    return ranks;
  }

  /** The number of characters (code points) of a non-null row: bytes that do not continue a sequence. */
  public int characterCount(int row) {
    return Utf8.characterCount(bytes, start(row), end(row));
  }

  /** Bytes held by this vector's arrays (a dictionary's once per vector), for cache and memory estimates. */
  public long retainedBytes() {
    long validity = nulls == null ? 0 : nulls.length;
    if (ids != null) {
      return validity + 4L * size + dictionary.retainedBytes();
    }
    return validity + 4L * (size + 1) + (offsets[size] - offsets[0]);
  }

  /** Rows {@code [from, to)}: a dictionary vector copies their ids, a plain one their offsets and shares its bytes. */
  @Override
  public StringVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    boolean[] slicedNulls = sliceNulls(nulls, from, to);
    if (ids != null) {
      return new StringVector(type, java.util.Arrays.copyOfRange(ids, from, to), dictionary, slicedNulls, to - from);
    }
    return new StringVector(type, bytes, java.util.Arrays.copyOfRange(offsets, from, to + 1), slicedNulls, to - from);
  }

  @Override
  public StringVector gather(int[] positions, int count) {
    boolean[] gatheredNulls = gatherNulls(nulls, positions, count);
    if (ids != null) {
      int[] gathered = new int[count];
      for (int i = 0; i < count; i++) {
        int position = positions[i];
        gathered[i] = position >= 0 ? ids[position] : 0;
      }
      return new StringVector(type, gathered, dictionary, gatheredNulls, count);
    }
    int[] gatheredOffsets = new int[count + 1];
    long total = 0;
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0 && (nulls == null || !nulls[position])) {
        total += offsets[position + 1] - offsets[position];
      }
      gatheredOffsets[i + 1] = (int) Math.min(total, Integer.MAX_VALUE);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the gathered strings exceed 2 GB");
    }
    byte[] gatheredBytes = new byte[(int) total];
    for (int i = 0; i < count; i++) {
      int length = gatheredOffsets[i + 1] - gatheredOffsets[i];
      if (length > 0) {
        System.arraycopy(bytes, offsets[positions[i]], gatheredBytes, gatheredOffsets[i], length);
      }
    }
    return new StringVector(type, gatheredBytes, gatheredOffsets, gatheredNulls, count);
  }

  @Override
  public StringVector select(int[] positions, int count) {
    boolean[] selectedNulls = selectNulls(nulls, positions, count);
    if (ids != null) {
      int[] selected = new int[count];
      RowChunks.gatherInts(ids, positions, selected, count);
      return new StringVector(type, selected, dictionary, selectedNulls, count);
    }
    // A null row is empty in the plain layout, so its length is 0 without looking at the validity.
    int[] selectedOffsets = new int[count + 1];
    long total = 0;
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      total += offsets[position + 1] - offsets[position];
      selectedOffsets[i + 1] = (int) Math.min(total, Integer.MAX_VALUE);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("the selected strings exceed 2 GB");
    }
    byte[] selectedBytes = new byte[(int) total];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      int start = offsets[position];
      System.arraycopy(bytes, start, selectedBytes, selectedOffsets[i], offsets[position + 1] - start);
    }
    return new StringVector(type, selectedBytes, selectedOffsets, selectedNulls, count);
  }

  /** A plain vector with the same rows (a plain vector returns itself). */
  public StringVector decoded() {
    if (ids == null) {
      return this;
    }
    VectorBuilder builder = VectorBuilder.forType(type, size);
    builder.appendRange(this, 0, size);
    return (StringVector) builder.build();
  }

  /** UTF-8 bytes and offsets of Java strings; a null row is empty. */
  private record Encoded(byte[] bytes, int[] offsets) {
    static Encoded of(String[] values, boolean[] nulls, int size) {
      if (values.length < size) {
        throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
      }
      byte[][] encoded = new byte[size][];
      int[] offsets = new int[size + 1];
      long total = 0;
      for (int row = 0; row < size; row++) {
        String value = values[row];
        if (value != null && (nulls == null || !nulls[row])) {
          encoded[row] = value.getBytes(StandardCharsets.UTF_8);
          total += encoded[row].length;
        }
        if (total > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("the strings exceed 2 GB");
        }
        offsets[row + 1] = (int) total;
      }
      byte[] bytes = new byte[(int) total];
      for (int row = 0; row < size; row++) {
        if (encoded[row] != null) {
          System.arraycopy(encoded[row], 0, bytes, offsets[row], encoded[row].length);
        }
      }
      return new Encoded(bytes, size == 0 ? EMPTY_OFFSETS : offsets);
    }
  }
}
