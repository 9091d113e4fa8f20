package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongPages;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorHashing;

/**
 * A {@link KeyTable} for one INT, DATE, LONG or TIMESTAMP key, the common shape of join and grouping
 * keys. Keys live inline in one open-addressing array of (key, id + 1) pairs: a lookup hashes the
 * key in the loop, and its first slot's key and id share a cache line, so a probe of a large table
 * costs about one cache miss (the generic {@link KeyHashTable} reads the slot and then the key
 * column). No row hashes, no key builders, no per-column equality on the hot path.
 *
 * <p>Linear probing at a load factor of at most one half. Slots come in blocks of 16: a key's block
 * is the high bits of {@code key >> 4} (halves folded) times the 64-bit golden ratio, its place in
 * the block the key's low 4 bits. So runs of nearby keys, as in tables ordered or clustered by key
 * (order keys, ids, dates), share cache lines instead of missing once per key, while other keys
 * still spread over the whole table, independently of the Murmur3 hash that partitions rows. Keys
 * on a stride of 16 or more use one place per block and probe up to the block's other places. A
 * rehash walks the old slots in order: a slot's block only gains a low bit, so the writes advance
 * through the new array too. Ids follow first appearance and {@code idKeyPages} holds each id's
 * key, for the key column, in {@link LongPages}: a table of a million keys grows by 64 KiB pages
 * instead of copying one array of megabytes at every doubling. A null key is one more id, kept
 * outside the slots ({@code nullId}); joins never insert nulls, so their probes of null keys find
 * nothing.
 *
 * <p>A lookup runs in two passes over the batch: first every row's slot and that slot's id word
 * (independent loads, so their cache misses overlap), then the compares and any further probing.
 *
 * <p>A frozen table (a join's build side) whose keys span a range of at most {@value
 * #BITMAP_BITS_PER_SLOT} times its slot count also gets a bitmap of its keys over that range, at
 * most an eighth of the pair array's size: a probe first tests its key's bit, and only keys whose
 * bit is set go on to the slots. A join that probes many keys absent from the build side (the
 * lineitem rows of orders a filter removed, in TPC-H's Q3, Q5 and Q10) then misses in a small
 * array that stays in cache, not in the large one.
 *
 * <p>Keys that arrive in ascending order need no slots at all. While every new key is larger than
 * all earlier ones (a table scanned in key order: lineitem's order keys, ids, dates), a key equal
 * to the last one is the last id and any other key is new, so ids are assigned with one compare a
 * row and the slots are not allocated. The first batch out of order builds the slots from the ids'
 * keys in one pass at their final size (no rehashing on the way). A grouping of TPC-H's lineitem by
 * order key (250,000 groups a task, 4 rows each) then touches no hash table. Frozen with ascending
 * keys (a join's build side read in key order, TPC-H's orders), the table finds a key's id as its
 * rank in the key bitmap when it has one, and builds slots only when the keys span too wide a range.
 *
 * <p>The thread that inserts owns the table; once inserts stop, {@link #find} only reads, so many
 * threads may probe at once.
 */
public final class LongKeyHashTable implements KeyTable {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  /** Slots at most: the pair array (two longs a slot) must stay within Java's array limit. */
  private static final int MAX_CAPACITY = 1 << 29;
  /** Slots at least: two blocks, so the block hash keeps at least one bit. */
  private static final int MIN_CAPACITY = 32;
  private static final int BLOCK_BITS = 4;

  private final ColumnType keyType;
  /** The size asked for, used when the slots are built. */
  private final int expectedSize;
  /**
   * Slot {@code s}: its key at {@code [2s]}, its id + 1 at {@code [2s + 1]} (0: empty). Null while
   * every non-null key so far arrived in ascending order (then the ids' keys without the null id are
   * sorted); built once, never dropped.
   */
  private long[] entries;
  /** The largest key and its id while ascending, once a non-null key was inserted. */
  private boolean hasLargest;
  private long largestKey;
  private int largestId;
  /** 64 minus log2 of the block count: the block is the top bits of the mixed high part of the key. */
  private int shift;
  private int mask;
  /** The key of each id, in id order: id {@code i} at {@code [i >>> PAGE_BITS][i & PAGE_MASK]}. */
  private long[][] idKeyPages;
  private int size;
  /** The id of the null key, or -1 while there is none. */
  private int nullId = -1;
  /** The inserting thread's lookup work arrays. */
  private final KeyHashTable.ProbeScratch scratch = new KeyHashTable.ProbeScratch();
  /** The key column built for {@link #keyColumn}; dropped by the next insert. */
  private ColumnVector keyView;
  /** Frozen tables: bit {@code k - bitmapLowest} set for each key {@code k}; null when not built. */
  private long[] keyBitmap;
  private long bitmapLowest;
  /** The bitmap's range in bits (keys {@code bitmapLowest} to {@code bitmapLowest + bitmapBits - 1}). */
  private long bitmapBits;
  /**
   * A frozen table whose keys ascended and have a bitmap: per bitmap word, how many keys lie in the
   * words before it. A key's id is then its rank among the keys (ids follow key order), so probes
   * need no slots: null otherwise.
   */
  private int[] wordRanks;
  /** A bitmap may span at most this many bits per slot (the pair array holds 128 bits a slot: at most an eighth of it). */
  static final int BITMAP_BITS_PER_SLOT = 16;

  public LongKeyHashTable(ColumnType keyType, int expectedSize) {
    if (!supports(keyType)) {
      throw new IllegalArgumentException("a LongKeyHashTable holds INT, DATE, LONG or TIMESTAMP keys, not " + keyType);
    }
    this.keyType = keyType;
    int expected = Math.max(16, expectedSize);
    // Fail at once on a size no table can hold; the slots themselves wait for keys out of order.
    capacityFor(expected);
    this.expectedSize = expected;
    idKeyPages = LongPages.ensure(LongPages.empty(), expected);
  }

  private long idKey(int id) {
    return idKeyPages[id >>> LongPages.PAGE_BITS][id & LongPages.PAGE_MASK];
  }

  /** Whether keys of {@code type} fit this table (they are ints or longs in their vectors). */
  public static boolean supports(ColumnType type) {
    return switch (type.kind()) {
      case INT, DATE, LONG, TIMESTAMP -> true;
      case BOOLEAN, DOUBLE, STRING, DECIMAL -> false;
    };
  }

  /** The slot count for {@code keys} keys at a load factor of at most one half. */
  private static int capacityFor(long keys) {
    long capacity = MIN_CAPACITY;
    while (capacity < keys * 2) {
      capacity *= 2;
    }
    if (capacity > MAX_CAPACITY) {
      throw new IllegalStateException("a hash table cannot hold " + keys + " distinct keys (at most "
          + MAX_CAPACITY / 2 + ")");
    }
    return (int) capacity;
  }

  private void allocateSlots(int capacity) {
    entries = new long[2 * capacity];
    mask = capacity - 1;
    shift = 64 - (Integer.numberOfTrailingZeros(capacity) - BLOCK_BITS);
  }

  /**
   * The key's first slot: its block by Fibonacci hashing of the key without its low bits (halves
   * folded, so high-bit-only differences spread too), then its low bits within the block.
   */
  private static int slotOf(long key, int shift) {
    long high = key >> BLOCK_BITS;
    int block = (int) (((high ^ (high >>> 32)) * GOLDEN) >>> shift);
    return (block << BLOCK_BITS) | ((int) key & ((1 << BLOCK_BITS) - 1));
  }

  /** The first slot of {@code key} in a table of {@code capacity} slots (tests build colliding keys with it). */
  static int firstSlot(long key, int capacity) {
    return slotOf(key, 64 - (Integer.numberOfTrailingZeros(capacity) - BLOCK_BITS));
  }

  /** Keys are read from the vectors directly. */
  @Override
  public boolean usesHashes() {
    return false;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int keyCount() {
    return 1;
  }

  @Override
  public void findOrInsert(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids) {
    ColumnVector keys = singleKey(keyVectors);
    keyBitmap = null;
    wordRanks = null;
    if (entries == null) {
      if (appendAscending(keys, rows, count, ids)) {
        return;
      }
      buildSlots(count);
    }
    ensureRoomFor(count);
    KeyHashTable.ProbeScratch work = scratch;
    firstSlots(keys, rows, count, work);
    long[] probeKeys = work.primitiveKeys;
    int[] probeSlots = work.primitiveSlots;
    for (int i = 0; i < count; i++) {
      int slot = probeSlots[i];
      ids[rows[i]] = slot < 0 ? nullGroup() : findOrInsertKey(probeKeys[i], slot);
    }
  }

  @Override
  public void find(
      ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, KeyHashTable.ProbeScratch scratch) {
    ColumnVector keys = singleKey(keyVectors);
    if (entries == null) {
      if (wordRanks != null) {
        findByRank(keys, rows, count, ids);
      } else {
        findAscending(keys, rows, count, ids);
      }
      return;
    }
    long[] bitmap = keyBitmap;
    if (bitmap != null) {
      // Rows whose key's bit is clear are absent; the rest go on to the slots.
      scratch.growPrimitive(count);
      int[] passed = scratch.primitiveRows;
      count = passBitmap(keys, bitmap, rows, count, ids, passed);
      rows = passed;
    }
    firstSlots(keys, rows, count, scratch);
    // Locals: the loop reads nothing but these arrays, whoever else probes the table.
    long[] table = entries;
    int tableMask = mask;
    int nullKeyId = nullId;
    long[] probeKeys = scratch.primitiveKeys;
    int[] probeSlots = scratch.primitiveSlots;
    long[] firstEntries = scratch.primitiveEntries;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      int slot = probeSlots[i];
      long idPlusOne = firstEntries[i];
      if (slot < 0) {
        ids[row] = nullKeyId;
      } else if (idPlusOne == 0) {
        ids[row] = -1;
      } else if (table[slot << 1] == probeKeys[i]) {
        ids[row] = (int) idPlusOne - 1;
      } else {
        ids[row] = findKey(table, tableMask, probeKeys[i], (slot + 1) & tableMask);
      }
    }
  }

  /**
   * Writes to {@code passed} the rows whose key's bit is set, and -1 (or the null key's id) to
   * {@code ids} of the others; returns how many passed. A null row's key slot holds garbage: such a
   * row gets the null key's id whether or not its garbage passes.
   */
  private int passBitmap(ColumnVector keys, long[] bitmap, int[] rows, int count, int[] ids, int[] passed) {
    long lowest = bitmapLowest;
    long bits = bitmapBits;
    boolean[] nulls = keys.nulls;
    int kept = 0;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long offset = values[row] - lowest;
          // Unsigned: keys below the lowest wrap to huge offsets and fail like keys above the range.
          boolean present = Long.compareUnsigned(offset, bits) < 0 && (bitmap[(int) (offset >>> 6)] & (1L << offset)) != 0;
          passed[kept] = row;
          kept += present ? 1 : 0;
          ids[row] = -1;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long offset = values[row] - lowest;
          boolean present = Long.compareUnsigned(offset, bits) < 0 && (bitmap[(int) (offset >>> 6)] & (1L << offset)) != 0;
          passed[kept] = row;
          kept += present ? 1 : 0;
          ids[row] = -1;
        }
      }
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
    if (nulls != null && nullId >= 0) {
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (nulls[row]) {
          ids[row] = nullId;
        }
      }
    }
    return kept;
  }

  /**
   * The first pass of a lookup: each row's key, its first slot (-1 for a null key) and that slot's
   * id word. The loads of the slots do not depend on one another, so the processor overlaps their
   * cache misses across rows instead of waiting for each row's in turn, as a one-pass probe loop
   * whose next row waits on the previous row's compare would.
   */
  private void firstSlots(ColumnVector keys, int[] rows, int count, KeyHashTable.ProbeScratch work) {
    work.growPrimitive(count);
    long[] probeKeys = work.primitiveKeys;
    int[] probeSlots = work.primitiveSlots;
    long[] firstEntries = work.primitiveEntries;
    long[] table = entries;
    int tableShift = shift;
    boolean[] nulls = keys.nulls;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long key = values[row];
          int slot = slotOf(key, tableShift);
          probeKeys[i] = key;
          firstEntries[i] = table[(slot << 1) + 1];
          probeSlots[i] = nulls != null && nulls[row] ? -1 : slot;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long key = values[row];
          int slot = slotOf(key, tableShift);
          probeKeys[i] = key;
          firstEntries[i] = table[(slot << 1) + 1];
          probeSlots[i] = nulls != null && nulls[row] ? -1 : slot;
        }
      }
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
  }

  /**
   * Assigns ids while the non-null keys of {@code rows[0..count)} ascend from the largest key so far:
   * a repeat of the largest key gets its id, a larger key a new one. At the first key below the
   * largest it undoes the batch's new ids (the ids written to {@code ids} are then overwritten by the
   * caller) and returns false. One pass: a batch in order costs one compare a row.
   */
  private boolean appendAscending(ColumnVector keys, int[] rows, int count, int[] ids) {
    idKeyPages = LongPages.ensure(idKeyPages, (long) size + count);
    boolean[] nulls = keys.nulls;
    if (nulls == null && count > 0) {
      int firstNew = size;
      boolean inOrder = switch (keys) {
        case LongVector vector -> appendAscendingLongs(vector.values, rows, count, ids);
        case IntVector vector -> appendAscendingInts(vector.values, rows, count, ids);
        default -> throw wrongVector(keys);
      };
      if (inOrder && size != firstNew) {
        keyView = null;
      }
      return inOrder;
    }
    long[][] keysOfIds = idKeyPages;
    boolean seen = hasLargest;
    long largest = largestKey;
    int largestKeyId = largestId;
    int next = size;
    int firstNew = size;
    int nullIdBefore = nullId;
    boolean inOrder = true;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          if (nulls != null && nulls[row]) {
            if (nullId < 0) {
              nullId = next++;
            }
            ids[row] = nullId;
            continue;
          }
          long key = values[row];
          if (seen && key < largest) {
            inOrder = false;
            break;
          }
          if (!seen || key != largest) {
            seen = true;
            largest = key;
            largestKeyId = next++;
            keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = key;
          }
          ids[row] = largestKeyId;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          if (nulls != null && nulls[row]) {
            if (nullId < 0) {
              nullId = next++;
            }
            ids[row] = nullId;
            continue;
          }
          long key = values[row];
          if (seen && key < largest) {
            inOrder = false;
            break;
          }
          if (!seen || key != largest) {
            seen = true;
            largest = key;
            largestKeyId = next++;
            keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = key;
          }
          ids[row] = largestKeyId;
        }
      }
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
    if (!inOrder) {
      // Nothing of the batch is kept: the ids so far stay as they were, the slots take the batch.
      nullId = nullIdBefore;
      return false;
    }
    hasLargest = seen;
    largestKey = largest;
    largestId = largestKeyId;
    size = next;
    if (next != firstNew) {
      keyView = null;
    }
    return true;
  }

  /**
   * {@link #appendAscending}'s row loop for long keys without nulls, {@code count > 0}. Whether a row
   * starts a new key is no branch: new keys come every few rows in no pattern (lineitem's order keys
   * repeat 1 to 7 times), so the id moves on by a 0/1 step, and each row writes its id's key (a
   * repeat writes the same key again). A key below the largest ends the batch, nothing kept.
   */
  private boolean appendAscendingLongs(long[] values, int[] rows, int count, int[] ids) {
    long[][] keysOfIds = idKeyPages;
    int next = size;
    int start = 0;
    long largest = largestKey;
    int largestKeyId = largestId;
    if (!hasLargest) {
      // The table's first key: new whatever its value.
      largest = values[rows[0]];
      largestKeyId = next++;
      keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = largest;
      ids[rows[0]] = largestKeyId;
      start = 1;
    }
    for (int i = start; i < count; i++) {
      int row = rows[i];
      long key = values[row];
      if (key < largest) {
        return false;
      }
      int isNew = key != largest ? 1 : 0;
      largestKeyId = isNew == 0 ? largestKeyId : next;
      next += isNew;
      keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = key;
      largest = key;
      ids[row] = largestKeyId;
    }
    hasLargest = true;
    largestKey = largest;
    largestId = largestKeyId;
    size = next;
    return true;
  }

  /** As {@link #appendAscendingLongs}, for int keys. */
  private boolean appendAscendingInts(int[] values, int[] rows, int count, int[] ids) {
    long[][] keysOfIds = idKeyPages;
    int next = size;
    int start = 0;
    long largest = largestKey;
    int largestKeyId = largestId;
    if (!hasLargest) {
      largest = values[rows[0]];
      largestKeyId = next++;
      keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = largest;
      ids[rows[0]] = largestKeyId;
      start = 1;
    }
    for (int i = start; i < count; i++) {
      int row = rows[i];
      long key = values[row];
      if (key < largest) {
        return false;
      }
      int isNew = key != largest ? 1 : 0;
      largestKeyId = isNew == 0 ? largestKeyId : next;
      next += isNew;
      keysOfIds[largestKeyId >>> LongPages.PAGE_BITS][largestKeyId & LongPages.PAGE_MASK] = key;
      largest = key;
      ids[row] = largestKeyId;
    }
    hasLargest = true;
    largestKey = largest;
    largestId = largestKeyId;
    size = next;
    return true;
  }

  /**
   * Leaves ascending mode: builds the slots for the ids so far and {@code more} keys to come, in one
   * pass (keys are distinct, so each goes to the first empty slot of its probe sequence).
   */
  private void buildSlots(int more) {
    allocateSlots(capacityFor(Math.max(expectedSize, (long) size + more)));
    long[] table = entries;
    for (int id = 0; id < size; id++) {
      if (id == nullId) {
        continue;
      }
      long key = idKey(id);
      int slot = slotOf(key, shift);
      while (table[(slot << 1) + 1] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot << 1] = key;
      table[(slot << 1) + 1] = id + 1L;
    }
  }

  /**
   * {@link #find} on a frozen table of ascending keys with a bitmap: a key whose bit is set has the
   * id of its rank, the keys in the words before its word plus those below it in its word (one past
   * the null key's id if the null key came first). Two reads of arrays an eighth and a sixteenth of
   * the key range in size, instead of a slot in an array of 32 bytes a key.
   */
  private void findByRank(ColumnVector keys, int[] rows, int count, int[] ids) {
    long[] bitmap = keyBitmap;
    int[] ranks = wordRanks;
    long lowest = bitmapLowest;
    long bits = bitmapBits;
    int nullKeyId = nullId;
    // Ids at or past the null key's are one more than their rank.
    int shiftedFrom = nullKeyId < 0 ? Integer.MAX_VALUE : nullKeyId;
    boolean[] nulls = keys.nulls;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          ids[row] = rankedId(values[row] - lowest, bits, bitmap, ranks, shiftedFrom);
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          ids[row] = rankedId(values[row] - lowest, bits, bitmap, ranks, shiftedFrom);
        }
      }
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
    if (nulls != null) {
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (nulls[row]) {
          ids[row] = nullKeyId;
        }
      }
    }
  }

  private static int rankedId(long offset, long bits, long[] bitmap, int[] ranks, int shiftedFrom) {
    // Unsigned: keys below the lowest wrap to huge offsets and fail like keys above the range.
    if (Long.compareUnsigned(offset, bits) >= 0) {
      return -1;
    }
    int word = (int) (offset >>> 6);
    long bitsOfWord = bitmap[word];
    long bit = 1L << offset;
    if ((bitsOfWord & bit) == 0) {
      return -1;
    }
    int rank = ranks[word] + Long.bitCount(bitsOfWord & (bit - 1));
    return rank < shiftedFrom ? rank : rank + 1;
  }

  /**
   * {@link #find} on a table whose keys ascended and that was not frozen: a binary search of the
   * ids' sorted keys (read-only, like the slot probe).
   */
  private void findAscending(ColumnVector keys, int[] rows, int count, int[] ids) {
    boolean[] nulls = keys.nulls;
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      if (nulls != null && nulls[row]) {
        ids[row] = nullId;
        continue;
      }
      long key = switch (keys) {
        case IntVector vector -> vector.values[row];
        case LongVector vector -> vector.values[row];
        case BooleanVector vector -> throw wrongVector(vector);
        case DoubleVector vector -> throw wrongVector(vector);
        case StringVector vector -> throw wrongVector(vector);
        case DecimalVector vector -> throw wrongVector(vector);
      };
      ids[row] = searchAscending(key);
    }
  }

  /** The id of {@code key} among the ascending ids' keys (the null id, whose key slot is unused, skipped), or -1. */
  private int searchAscending(long key) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (middle == nullId) {
        // Compare with a real neighbour instead: the one below, else the one above, else nothing is left.
        if (middle > low) {
          middle--;
        } else if (middle < high) {
          middle++;
        } else {
          return -1;
        }
      }
      long found = idKey(middle);
      if (found < key) {
        low = middle + 1;
      } else if (found > key) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  /** Probes from {@code slot} on for {@code key}: its id, or -1 at the first empty slot. */
  private static int findKey(long[] table, int tableMask, long key, int slot) {
    while (true) {
      int at = slot << 1;
      long idPlusOne = table[at + 1];
      if (idPlusOne == 0) {
        return -1;
      }
      if (table[at] == key) {
        return (int) idPlusOne - 1;
      }
      slot = (slot + 1) & tableMask;
    }
  }

  /** Probes from {@code slot} on; room was made by {@link #ensureRoomFor}, so an insert never grows the arrays. */
  private int findOrInsertKey(long key, int slot) {
    long[] table = entries;
    while (true) {
      int at = slot << 1;
      long idPlusOne = table[at + 1];
      if (idPlusOne == 0) {
        int id = size++;
        table[at] = key;
        table[at + 1] = id + 1L;
        idKeyPages[id >>> LongPages.PAGE_BITS][id & LongPages.PAGE_MASK] = key;
        keyView = null;
        return id;
      }
      if (table[at] == key) {
        return (int) idPlusOne - 1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private int nullGroup() {
    if (nullId < 0) {
      nullId = size++;
      keyView = null;
    }
    return nullId;
  }

  private ColumnVector singleKey(ColumnVector[] keyVectors) {
    return singleKey(keyType, keyVectors);
  }

  /** The one key column of a one-integer-key table ({@code DirectKeyTable} too), checked against the table's key type. */
  static ColumnVector singleKey(ColumnType keyType, ColumnVector[] keyVectors) {
    if (keyVectors.length != 1) {
      throw new IllegalArgumentException("expected 1 key column, got " + keyVectors.length);
    }
    ColumnVector keys = keyVectors[0];
    if (!keys.type().equals(keyType)) {
      throw new IllegalArgumentException("the table's keys are " + keyType + ", got a " + keys.type() + " column");
    }
    return keys;
  }

  private IllegalArgumentException wrongVector(ColumnVector vector) {
    return wrongVector(keyType, vector);
  }

  static IllegalArgumentException wrongVector(ColumnType keyType, ColumnVector vector) {
    return new IllegalArgumentException("a " + keyType + " key cannot come in a " + vector.getClass().getSimpleName());
  }

  /** Keeps the load factor at most one half even if every one of {@code count} rows is new. */
  private void ensureRoomFor(int count) {
    long needed = (long) size + count;
    idKeyPages = LongPages.ensure(idKeyPages, needed);
    if (needed * 2 <= mask + 1L) {
      return;
    }
    long[] old = entries;
    allocateSlots(capacityFor(needed));
    long[] table = entries;
    for (int at = 0; at < old.length; at += 2) {
      long idPlusOne = old[at + 1];
      if (idPlusOne == 0) {
        continue;
      }
      long key = old[at];
      int slot = slotOf(key, shift);
      while (table[(slot << 1) + 1] != 0) {
        slot = (slot + 1) & mask;
      }
      table[slot << 1] = key;
      table[(slot << 1) + 1] = idPlusOne;
    }
  }

  @Override
  public ColumnVector keyColumn(int index) {
    if (index != 0) {
      throw new IndexOutOfBoundsException("key column " + index + " of a table with one key column");
    }
    if (keyView == null) {
      keyView = buildKeyColumn();
    }
    return keyView;
  }

  private ColumnVector buildKeyColumn() {
    long[] keys = new long[size];
    LongPages.copyOut(idKeyPages, 0, keys, 0, size);
    return keyColumn(keyType, keys, size, nullId);
  }

  /**
   * Ids {@code [from, to)}'s keys as a vector, straight from the pages: an aggregate's output batch
   * without the whole key column first.
   */
  @Override
  public ColumnVector keyColumn(int index, int from, int to) {
    if (index != 0) {
      throw new IndexOutOfBoundsException("key column " + index + " of a table with one key column");
    }
    java.util.Objects.checkFromToIndex(from, to, size);
    int count = to - from;
    long[] keys = new long[count];
    LongPages.copyOut(idKeyPages, from, keys, 0, count);
    return keyColumn(keyType, keys, count, nullId >= from && nullId < to ? nullId - from : -1);
  }

  /** The key column of ids {@code 0..size-1} whose keys are {@code idKeys} (id {@code nullId}, if any, null). */
  static ColumnVector keyColumn(ColumnType keyType, long[] idKeys, int size, int nullId) {
    boolean[] nulls = null;
    if (nullId >= 0) {
      nulls = new boolean[size];
      nulls[nullId] = true;
    }
    return switch (keyType.kind()) {
      case INT, DATE -> {
        int[] values = new int[size];
        for (int id = 0; id < size; id++) {
          values[id] = (int) idKeys[id];
        }
        yield new IntVector(keyType, values, nulls, size);
      }
      // The vector wraps idKeys: callers pass a copy, or an array later inserts write only beyond size of.
      case LONG, TIMESTAMP -> new LongVector(keyType, idKeys, nulls, size);
      case BOOLEAN, DOUBLE, STRING, DECIMAL -> throw new IllegalStateException("unsupported key type " + keyType);
    };
  }

  /** Murmur3 as the hash exchange computes it: a null key leaves the seed. */
  @Override
  public int hashOf(int id) {
    return id == nullId ? VectorHashing.SEED : hashOfKey(keyType, idKey(id));
  }

  static int hashOf(ColumnType keyType, long[] idKeys, int id, int nullId) {
    return id == nullId ? VectorHashing.SEED : hashOfKey(keyType, idKeys[id]);
  }

  private static int hashOfKey(ColumnType keyType, long key) {
    return switch (keyType.kind()) {
      case INT, DATE -> VectorHashing.hashInt((int) key, VectorHashing.SEED);
      case LONG, TIMESTAMP -> VectorHashing.hashLong(key, VectorHashing.SEED);
      case BOOLEAN, DOUBLE, STRING, DECIMAL -> throw new IllegalStateException("unsupported key type " + keyType);
    };
  }

  @Override
  public long retainedBytes() {
    return (entries == null ? 0 : 8L * entries.length) + LongPages.retainedBytes(idKeyPages) + (keyBitmap == null ? 0 : 8L * keyBitmap.length)
        + (wordRanks == null ? 0 : 4L * wordRanks.length);
  }

  @Override
  public KeyBitmap keyBitmap() {
    return keyBitmap == null ? null : new KeyBitmap(bitmapLowest, bitmapBits, keyBitmap);
  }

  /**
   * Builds the key bitmap when the keys' range is narrow enough (lookups create nothing lazily; the
   * key column is built on demand by its owner only).
   */
  @Override
  public void freeze() {
    int keyCount = nullId >= 0 ? size - 1 : size;
    if (keyBitmap != null) {
      return;
    }
    if (entries == null) {
      // Keys ascended: with a bitmap, ids are ranks and no slots are needed; without one the slots
      // are built now (probing threads find everything ready: no lazy state after this).
      if (keyCount > 0 && useBitmap(BITMAP_BITS_PER_SLOT * (long) capacityFor(Math.max(expectedSize, size)))) {
        int[] ranks = new int[keyBitmap.length];
        int before = 0;
        for (int word = 0; word < ranks.length; word++) {
          ranks[word] = before;
          before += Long.bitCount(keyBitmap[word]);
        }
        wordRanks = ranks;
        return;
      }
      buildSlots(0);
    }
    if (keyCount > 0) {
      useBitmap((long) BITMAP_BITS_PER_SLOT * (mask + 1));
    }
  }

  /** Builds the key bitmap if the keys span fewer than {@code maximumBits}; says whether it did. */
  private boolean useBitmap(long maximumBits) {
    KeyBitmap keys = KeyBitmap.covering(idKeyPages, LongPages.PAGE_BITS, size, nullId, maximumBits);
    if (keys == null) {
      return false;
    }
    bitmapLowest = keys.lowest();
    bitmapBits = keys.bits();
    keyBitmap = keys.words();
    return true;
  }

  /** Whether a frozen table finds ids by rank in its bitmap (keys ascended); for tests. */
  boolean findsByRank() {
    return wordRanks != null;
  }

  /** Whether the slots exist (keys arrived out of order, or the table was frozen without a rank bitmap); for tests. */
  boolean hasSlots() {
    return entries != null;
  }

  /** Whether {@link #freeze} built a key bitmap (for tests). */
  boolean hasKeyBitmap() {
    return keyBitmap != null;
  }
}
