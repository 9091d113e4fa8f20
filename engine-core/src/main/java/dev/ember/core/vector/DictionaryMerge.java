package dev.ember.core.vector;

import java.util.List;

/**
 * One dictionary for several dictionary-encoded string vectors, so that putting them together (a
 * concatenation, an encoded block) keeps the dictionary layout instead of copying every row's bytes.
 * Each part's dictionary is looked up once per entry, never per row: a part of 4,096 rows over 7
 * distinct values costs 7 lookups and then an int remap per row.
 *
 * @param dictionary the merged distinct values
 * @param remaps per part, its dictionary's ids to merged ids; {@code null} when every part already
 *     shares {@code dictionary} (one instance), so ids carry over unchanged
 */
public record DictionaryMerge(StringVector dictionary, int[][] remaps) {

  /**
   * The merge of {@code parts}, or null when one of them is not dictionary-encoded or the merged
   * dictionary would exceed {@code maximumEntries} (callers then keep plain bytes).
   */
  public static DictionaryMerge of(List<StringVector> parts, int maximumEntries) {
    StringVector shared = null;
    boolean same = true;
    long entries = 0;
    for (StringVector part : parts) {
      if (!part.isDictionary()) {
        return null;
      }
      entries += part.dictionary().size();
      if (shared == null) {
        shared = part.dictionary();
      } else if (shared != part.dictionary()) {
        same = false;
      }
    }
    if (shared == null) {
      return null;
    }
    if (same) {
      return new DictionaryMerge(shared, null);
    }
    StringDictionaryBuilder merged = new StringDictionaryBuilder(capacity(maximumEntries, entries));
    int[][] remaps = new int[parts.size()][];
    for (int i = 0; i < remaps.length; i++) {
      StringVector dictionary = parts.get(i).dictionary();
      int[] remap = new int[dictionary.size()];
      for (int entry = 0; entry < remap.length; entry++) {
        remap[entry] = merged.idOf(dictionary.data(), dictionary.start(entry), dictionary.end(entry));
        if (remap[entry] < 0) {
          return null;
        }
      }
      remaps[i] = remap;
    }
    return new DictionaryMerge(merged.build(), remaps);
  }

  /**
   * The parts one after another as one dictionary-encoded vector of {@code totalRows} rows when some
   * parts are plain (a short batch that a CSV read or a cache left plain among dictionary batches:
   * TPC-H's part table broadcast for Q14 is 68 dictionary batches of {@code p_type} and one plain
   * one, which made the whole build side copy 200,000 strings' bytes): dictionary parts are remapped
   * per entry, plain parts looked up per row. Null when the distinct values exceed {@code
   * maximumEntries}, when plain rows are more than a quarter of all (a plain column, not a stray
   * batch: looking each row up would only find out late), or when no row holds a value (null rows
   * hold id 0, which needs an entry).
   */
  public static StringVector concatenate(List<StringVector> parts, int totalRows, int maximumEntries) {
    long plainRows = 0;
    long entries = 0;
    for (StringVector part : parts) {
      plainRows += part.isDictionary() ? 0 : part.size();
      entries += part.isDictionary() ? part.dictionary().size() : 0;
    }
    if (plainRows == 0 || plainRows * 4 > totalRows) {
      return null; // no plain part: of() decides alone
    }
    StringDictionaryBuilder merged = new StringDictionaryBuilder(capacity(maximumEntries, entries + plainRows));
    int[] ids = new int[totalRows];
    boolean[] nulls = null;
    int base = 0;
    for (StringVector part : parts) {
      int size = part.size();
      boolean[] partNulls = part.nulls;
      boolean fits = part.isDictionary()
          ? mergeDictionaryPart(part, merged, ids, base)
          : mergePlainPart(part, merged, ids, base);
      if (!fits) {
        return null;
      }
      nulls = markNulls(partNulls, size, base, ids, nulls, totalRows);
      base += size;
    }
    if (merged.size() == 0) {
      return null;
    }
    return StringVector.dictionaryEncoded(parts.get(0).type(), ids, merged.build(), nulls, totalRows);
  }

  /**
   * Adds a dictionary part's entries to {@code merged} and writes its rows' merged ids at {@code
   * base}; false when the entries overflow it. The row loops of {@link #concatenate} live in
   * methods of their own: the JIT compiles each once and small instead of replacing the whole
   * concatenation on the stack while one part's loop runs.
   */
  private static boolean mergeDictionaryPart(StringVector part, StringDictionaryBuilder merged, int[] ids, int base) {
    StringVector dictionary = part.dictionary();
    int[] remap = new int[dictionary.size()];
    for (int entry = 0; entry < remap.length; entry++) {
      remap[entry] = merged.idOf(dictionary.data(), dictionary.start(entry), dictionary.end(entry));
      if (remap[entry] < 0) {
        return false;
      }
    }
    int[] partIds = part.ids();
    int size = part.size();
    for (int row = 0; row < size; row++) {
      ids[base + row] = remap[partIds[row]];
    }
    return true;
  }

  /** Looks a plain part's rows up in {@code merged}, their ids written at {@code base}; false when the values overflow it. */
  private static boolean mergePlainPart(StringVector part, StringDictionaryBuilder merged, int[] ids, int base) {
    byte[] data = part.data();
    boolean[] partNulls = part.nulls;
    int size = part.size();
    for (int row = 0; row < size; row++) {
      if (partNulls != null && partNulls[row]) {
        continue;
      }
      int id = merged.idOf(data, part.start(row), part.end(row));
      if (id < 0) {
        return false;
      }
      ids[base + row] = id;
    }
    return true;
  }

  /**
   * The merged dictionary's capacity: at most {@code maximumEntries}, and no more than the {@code
   * candidates} (entries of the parts' dictionaries, plus plain rows) it can receive. The builder's
   * tables are sized by it: a coalesced scan batch of a seven-value column merges a few dictionaries
   * of seven entries, and used to allocate tables for a thousand.
   */
  private static int capacity(int maximumEntries, long candidates) {
    return (int) Math.max(1, Math.min(maximumEntries, candidates));
  }

  /** The merged id of id {@code id} of part {@code part}'s dictionary. */
  public int mergedId(int part, int id) {
    return remaps == null ? id : remaps[part][id];
  }

  /**
   * The parts (those given to {@link #of}, at least one) one after another as one dictionary-encoded
   * vector of {@code totalRows} rows: ids remapped into {@code ids} (at least {@code totalRows} long:
   * a new array, or a scan's scratch array whose batch its readers are done with at their next
   * call), validity copied (null rows hold id 0).
   */
  public StringVector concat(List<StringVector> parts, int totalRows, int[] ids) {
    boolean[] nulls = null;
    int base = 0;
    for (int part = 0; part < parts.size(); part++) {
      StringVector vector = parts.get(part);
      int size = vector.size();
      int[] partIds = vector.ids();
      boolean[] partNulls = vector.nulls;
      int[] remap = remaps == null ? null : remaps[part];
      if (remap == null) {
        System.arraycopy(partIds, 0, ids, base, size);
      } else {
        for (int row = 0; row < size; row++) {
          // A null row holds id 0, which every (non-empty) dictionary has: remapping it is harmless.
          ids[base + row] = remap[partIds[row]];
        }
      }
      nulls = markNulls(partNulls, size, base, ids, nulls, totalRows);
      base += size;
    }
    return StringVector.dictionaryEncoded(parts.get(0).type(), ids, dictionary, nulls, totalRows);
  }

  /**
   * Marks the null rows of a part of {@code size} rows placed at {@code base}: true in {@code
   * nulls} (made when the first null shows up) and id 0. Returns {@code nulls}.
   */
  private static boolean[] markNulls(boolean[] partNulls, int size, int base, int[] ids, boolean[] nulls, int totalRows) {
    if (partNulls == null) {
      return nulls;
    }
    boolean[] marked = nulls;
    for (int row = 0; row < size; row++) {
      if (partNulls[row]) {
        if (marked == null) {
          marked = new boolean[totalRows];
        }
        marked[base + row] = true;
        ids[base + row] = 0;
      }
    }
    return marked;
  }
}
