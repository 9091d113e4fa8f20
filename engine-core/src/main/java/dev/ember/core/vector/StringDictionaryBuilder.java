package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import java.util.Arrays;

/**
 * Assigns ids 0, 1, 2, ... to distinct UTF-8 strings in the order they first appear: an
 * open-addressing hash table over the bytes (no {@code String}, no boxing), for the CSV reader's
 * per-batch dictionaries and the codec's merge of several batches' dictionaries. Gives up (returns
 * -1) once more than {@code maximumEntries} distinct values appear, so a column of mostly distinct
 * values costs little before it is kept plain. Single-threaded.
 */
public final class StringDictionaryBuilder {
  private final int maximumEntries;
  private final VectorBuilder entries;
  /** Slot -> id + 1 (0: empty); a power of two at least twice the maximum entry count. */
  private final int[] slots;
  private final int[] entryHashes;
  private int size;

  public StringDictionaryBuilder(int maximumEntries) {
    if (maximumEntries < 1 || maximumEntries > (1 << 24)) {
      throw new IllegalArgumentException("maximumEntries must be in [1, 2^24], got " + maximumEntries);
    }
    this.maximumEntries = maximumEntries;
    this.entries = VectorBuilder.forType(ColumnType.STRING, Math.min(maximumEntries, 1024));
    this.slots = new int[Integer.highestOneBit(maximumEntries * 2 - 1) << 1];
    this.entryHashes = new int[maximumEntries];
  }

  /** The id of {@code bytes[from, to)}, added if new; -1 when it would be one entry too many. */
  public int idOf(byte[] bytes, int from, int to) {
    int hash = VectorHashing.hashBytes(bytes, from, to - from, VectorHashing.SEED);
    int mask = slots.length - 1;
    StringVector current = size == 0 ? null : (StringVector) entries.build();
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int occupant = slots[slot];
      if (occupant == 0) {
        if (size == maximumEntries) {
          return -1;
        }
        slots[slot] = size + 1;
        entryHashes[size] = hash;
        entries.appendUtf8(bytes, from, to);
        return size++;
      }
      int id = occupant - 1;
      if (entryHashes[id] == hash && current.equalsBytes(id, bytes, from, to)) {
        return id;
      }
    }
  }

  public int size() {
    return size;
  }

  /**
   * {@code vector} dictionary-encoded when at most half of its rows are distinct and it has at
   * least 16 rows (the CSV reader's rule), so that grouping, joins and filters work on ids and
   * dictionary entries; otherwise {@code vector} itself. For tables built in memory (local rows).
   */
  public static StringVector encodeIfFewDistinct(StringVector vector, int maximumEntries) {
    int count = vector.size();
    if (vector.isDictionary() || count < 16) {
      return vector;
    }
    StringDictionaryBuilder dictionary = new StringDictionaryBuilder(Math.min(maximumEntries, count / 2));
    byte[] bytes = vector.data();
    int[] ids = new int[count];
    for (int row = 0; row < count; row++) {
      if (!vector.isNull(row)) {
        ids[row] = dictionary.idOf(bytes, vector.start(row), vector.end(row));
        if (ids[row] < 0) {
          return vector;
        }
      }
    }
    return StringVector.dictionaryEncoded(vector.type(), ids, dictionary.build(), vector.nulls, count);
  }

  /** The entries so far, id order, as a plain vector without nulls (a copy: the builder may go on). */
  public StringVector build() {
    StringVector view = (StringVector) entries.build();
    int[] positions = new int[size];
    Arrays.setAll(positions, i -> i);
    return view.gather(positions, size);
  }
}
