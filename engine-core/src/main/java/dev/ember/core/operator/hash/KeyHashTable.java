package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * An open-addressing hash table from distinct key tuples to dense ids 0, 1, 2, ... (group ids of a
 * hash aggregate, distinct build keys of a hash join). Keys are stored column-wise in
 * {@link VectorBuilder}s in id order, so id {@code g}'s key is row {@code g} of {@link #keyColumn}.
 *
 * <p>Lookups are vectorized over a batch: one pass walks the slots of every pending row with plain
 * compares of the 32-bit hash kept in the slot beside the id (so a slot answers without a second,
 * dependent read of the id's hash), keys of new ids are appended column by column, then candidate
 * ids are checked with {@link KeyEquality} one key column at a time; rows whose candidate differs
 * (a hash collision) continue probing in the next round. Each key column's equality kernel and its
 * builder's appender are picked once, from the key types, and called once per batch, so the probe
 * inlines no loop per key type. Linear probing, load factor at most
 * one half, slot = Fibonacci hash of the row hash (its high bits), so rows that a hash exchange
 * already sent here by the low bits of the same hash still spread over the table.
 *
 * <p>Null keys are values like any other here (null groups with null); joins filter them out first.
 */
public final class KeyHashTable implements KeyTable {
  private static final int GOLDEN = 0x9E3779B9;

  private final VectorBuilder[] keys;
  /** The equality kernel of each key column. */
  private final KeyEquality[] equalities;
  /** Per slot: the id's row hash in the high half and id + 1 in the low half; 0 is an empty slot. */
  private long[] slots;
  private int shift;
  private int mask;
  private int[] idHashes;
  private int size;

  /** The table's own scratch, for {@link #findOrInsert} and {@link #find} by the thread that owns the table. */
  private final ProbeScratch scratch = new ProbeScratch();

  /**
   * Per-prober work arrays of a lookup, reused across batches and grown on demand. A table that
   * no thread inserts into any more may be probed by many threads at once, each with its own
   * scratch ({@link #find(ColumnVector[], int[], int[], int, int[], ProbeScratch)}): the lookup
   * then writes only to the scratch and the caller's arrays.
   */
  public static final class ProbeScratch {
    private int[] pendingRows = new int[0];
    private int[] pendingSlots = new int[0];
    private int[] candidateRows = new int[0];
    private int[] candidateIds = new int[0];
    private int[] candidateSlots = new int[0];
    private int[] newRows = new int[0];
    private boolean[] equal = new boolean[0];

    // The LongKeyHashTable's two-pass lookup: each row's key, first slot and that slot's id word.
    long[] primitiveKeys = new long[0];
    int[] primitiveSlots = new int[0];
    long[] primitiveEntries = new long[0];
    /** The rows a frozen LongKeyHashTable's key bitmap lets through to the probe. */
    int[] primitiveRows = new int[0];

    /** A PackedKeyTable's probe: each row's packed key (indexed by row) and the rows whose values lie in range. */
    private long[] packedKeys = new long[0];
    private int[] packedRows = new int[0];

    long[] packedKeys(int size) {
      if (packedKeys.length < size) {
        packedKeys = new long[Math.max(size, packedKeys.length * 2)];
      }
      return packedKeys;
    }

    int[] packedRows(int count) {
      if (packedRows.length < count) {
        packedRows = new int[Math.max(count, packedRows.length * 2)];
      }
      return packedRows;
    }

    void growPrimitive(int count) {
      if (primitiveKeys.length < count) {
        int length = Math.max(count, primitiveKeys.length * 2);
        primitiveKeys = new long[length];
        primitiveSlots = new int[length];
        primitiveEntries = new long[length];
        primitiveRows = new int[length];
      }
    }

    private void grow(int count) {
      if (pendingRows.length < count) {
        growTo(count); // rarely: left out of the compiled lookup, as the table's growth is
      }
    }

    private void growTo(int count) {
      int length = Math.max(count, pendingRows.length * 2);
      pendingRows = new int[length];
      pendingSlots = new int[length];
      candidateRows = new int[length];
      candidateIds = new int[length];
      candidateSlots = new int[length];
      newRows = new int[length];
      equal = new boolean[length];
    }
  }

  public KeyHashTable(List<ColumnType> keyTypes, int expectedSize) {
    keys = new VectorBuilder[keyTypes.size()];
    equalities = new KeyEquality[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = VectorBuilder.forType(keyTypes.get(i), expectedSize);
      equalities[i] = KeyEquality.forType(keyTypes.get(i));
    }
    int capacity = Integer.highestOneBit(Math.max(16, expectedSize * 2 - 1)) << 1;
    allocateSlots(capacity);
    idHashes = new int[Math.max(16, expectedSize)];
  }

  private void allocateSlots(int capacity) {
    slots = new long[capacity];
    mask = capacity - 1;
    shift = 32 - Integer.numberOfTrailingZeros(capacity);
  }

  private int slotOf(int hash) {
    return (hash * GOLDEN) >>> shift;
  }

  /** Every lookup compares the stored 32-bit row hashes first. */
  @Override
  public boolean usesHashes() {
    return true;
  }

  /** The number of distinct keys (ids {@code 0..size-1}). */
  @Override
  public int size() {
    return size;
  }

  @Override
  public int keyCount() {
    return keys.length;
  }

  /** Key column {@code index} of every id, as a view valid until the next insert. */
  @Override
  public ColumnVector keyColumn(int index) {
    return keys[index].build();
  }

  /** The stored hash of id {@code id}. */
  @Override
  public int hashOf(int id) {
    return idHashes[id];
  }

  /** Approximate bytes held, for a later memory-accounting hook. */
  @Override
  public long retainedBytes() {
    long bytes = 8L * slots.length + 4L * idHashes.length;
    for (VectorBuilder key : keys) {
      bytes += key.retainedBytes();
    }
    return bytes;
  }

  /**
   * Sets {@code ids[row]} for each row in {@code rows[0..count)} to the id of its key tuple
   * ({@code keyVectors} at that row, hashed into {@code hashes[row]}), inserting new keys.
   */
  @Override
  public void findOrInsert(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids) {
    probe(keyVectors, hashes, rows, count, ids, true, scratch);
  }

  /** As {@link #findOrInsert} but never inserts: an absent key gives id -1. */
  public void find(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids) {
    probe(keyVectors, hashes, rows, count, ids, false, scratch);
  }

  /**
   * As {@link #find} with the caller's scratch: reads the table only, so threads may call it at
   * once on a table that is no longer inserted into (after a happens-before edge from the last
   * insert, for example a lock or a final field), each with its own {@code probeScratch}.
   */
  @Override
  public void find(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, ProbeScratch probeScratch) {
    probe(keyVectors, hashes, rows, count, ids, false, probeScratch);
  }

  /** Creates the key columns' views now, so that later read-only probes from several threads do not. */
  @Override
  public void freeze() {
    for (VectorBuilder key : keys) {
      key.build();
    }
  }

  private void probe(
      ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, boolean insert, ProbeScratch work) {
    if (keyVectors.length != keys.length) {
      throw new IllegalArgumentException("expected " + keys.length + " key columns, got " + keyVectors.length);
    }
    if (insert) {
      ensureRoomFor(count);
    }
    work.grow(count);
    int[] pendingRows = work.pendingRows;
    int[] pendingSlots = work.pendingSlots;
    int[] candidateRows = work.candidateRows;
    int[] candidateIds = work.candidateIds;
    int[] candidateSlots = work.candidateSlots;
    int[] newRows = work.newRows;
    boolean[] equal = work.equal;
    startProbes(hashes, rows, count, pendingRows, pendingSlots);
    int pending = count;
    while (pending > 0) {
      long walked = walkSlots(hashes, pendingRows, pendingSlots, pending, ids, insert, newRows, candidateRows,
          candidateIds, candidateSlots);
      int candidates = (int) (walked >>> 32);
      int inserted = (int) walked;
      // New keys go in before the compare: later rows of this batch may have matched them. A
      // lookup that inserts nothing leaves the columns (and their views) alone.
      if (inserted > 0) {
        for (int k = 0; k < keys.length; k++) {
          keys[k].appendRows(keyVectors[k], newRows, inserted);
        }
      }
      Arrays.fill(equal, 0, candidates, true);
      for (int k = 0; k < keys.length; k++) {
        equalities[k].andEqual(keyVectors[k], candidateRows, keys[k].build(), candidateIds, candidates, equal);
      }
      pending = settleCandidates(candidateRows, candidateIds, candidateSlots, equal, candidates, ids, pendingRows,
          pendingSlots);
    }
  }

  /*
   * The row loops of a lookup, each in a method of its own: the lookup runs once per batch and its
   * loops thousands of times per call, so with the loops inside it the JIT compiled the lookup on
   * stack replacement first, with every key type's appender and comparison it inlines, then again
   * whole (TPC-H Q10 and Q12: four compilations, ~250 ms of the one C2 thread). A loop of its own
   * is compiled small and once.
   */

  /** Each row's first slot: {@code pendingRows[i] = rows[i]} and its hash's home slot. */
  private void startProbes(int[] hashes, int[] rows, int count, int[] pendingRows, int[] pendingSlots) {
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      pendingRows[i] = row;
      pendingSlots[i] = slotOf(hashes[row]);
    }
  }

  /**
   * Walks each pending row's slots to an empty slot (a new key: inserted, or id -1 when not
   * inserting) or an entry of the same hash (a candidate, compared next). Returns the candidates'
   * count in the high 32 bits and the inserted rows' count in the low 32 bits.
   */
  private long walkSlots(int[] hashes, int[] pendingRows, int[] pendingSlots, int pending, int[] ids, boolean insert,
      int[] newRows, int[] candidateRows, int[] candidateIds, int[] candidateSlots) {
    int candidates = 0;
    int inserted = 0;
    for (int i = 0; i < pending; i++) {
      int row = pendingRows[i];
      int hash = hashes[row];
      int slot = pendingSlots[i];
      while (true) {
        long entry = slots[slot];
        if (entry == 0) {
          if (insert) {
            int id = size++;
            slots[slot] = slotEntry(hash, id);
            idHashes[id] = hash;
            newRows[inserted++] = row;
            ids[row] = id;
          } else {
            ids[row] = -1;
          }
          break;
        }
        if ((int) (entry >>> 32) == hash) {
          candidateRows[candidates] = row;
          candidateIds[candidates] = (int) entry - 1;
          candidateSlots[candidates] = slot;
          candidates++;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return ((long) candidates << 32) | inserted;
  }

  /**
   * Gives each candidate whose keys were equal its id; the others go on from their next slot.
   * Returns how many rows are pending again.
   */
  private int settleCandidates(int[] candidateRows, int[] candidateIds, int[] candidateSlots, boolean[] equal,
      int candidates, int[] ids, int[] pendingRows, int[] pendingSlots) {
    int pending = 0;
    for (int i = 0; i < candidates; i++) {
      if (equal[i]) {
        ids[candidateRows[i]] = candidateIds[i];
      } else {
        pendingRows[pending] = candidateRows[i];
        pendingSlots[pending] = (candidateSlots[i] + 1) & mask;
        pending++;
      }
    }
    return pending;
  }

  /**
   * Inserts the key tuples at rows {@code [0, count)} of {@code keyVectors}, distinct and none in the
   * table yet (another table's keys, moved here), as ids {@code size()} onwards in row order.
   */
  void insertDistinct(ColumnVector[] keyVectors, int[] hashes, int count) {
    if (keyVectors.length != keys.length) {
      throw new IllegalArgumentException("expected " + keys.length + " key columns, got " + keyVectors.length);
    }
    ensureRoomFor(count);
    for (int row = 0; row < count; row++) {
      int hash = hashes[row];
      int slot = slotOf(hash);
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      int id = size++;
      slots[slot] = slotEntry(hash, id);
      idHashes[id] = hash;
    }
    for (int k = 0; k < keys.length; k++) {
      keys[k].appendRange(keyVectors[k], 0, count);
    }
  }

  private static long slotEntry(int hash, int id) {
    return ((long) hash << 32) | (id + 1L);
  }

  /**
   * Keeps the load factor at most one half even if every one of {@code count} rows is new. The
   * check is all a lookup inlines; the growth is a call of its own, rarely made, so the compiler
   * leaves it out of the compiled lookup (whose compile time grows with every loop it holds).
   */
  private void ensureRoomFor(int count) {
    long needed = (long) size + count;
    if (needed > idHashes.length || needed * 2 > slots.length) {
      grow(needed);
    }
  }

  private void grow(long needed) {
    if (needed > idHashes.length) {
      idHashes = Arrays.copyOf(idHashes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, idHashes.length * 2L)));
    }
    if (needed * 2 <= slots.length) {
      return;
    }
    long capacity = slots.length;
    while (capacity < needed * 2) {
      capacity *= 2;
    }
    if (capacity > (1 << 30)) {
      throw new IllegalStateException("hash table cannot hold " + needed + " distinct keys");
    }
    // Old slots in order: a slot's place only gains a low bit, so the writes advance through the new array too.
    long[] old = slots;
    allocateSlots((int) capacity);
    for (long entry : old) {
      if (entry == 0) {
        continue;
      }
      int slot = slotOf((int) (entry >>> 32));
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = entry;
    }
  }
}
