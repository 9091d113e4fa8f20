package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.io.ProcessOwner;
import dev.ember.core.plan.PhysicalPlan;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stage's plan encoded once and decoded once per JVM, however many tasks carry it: Spark's task
 * binary, kept inside each task's bytes so that tasks stay self-contained (DESIGN: every task is
 * serialized, in every mode). A task record writes its plan as a block: its length, the block's id
 * and the bytes. The bytes of an equal plan (records compare by value; a stage's tasks share one
 * instance) are made once, given one id, and copied into each task. Reading, a block whose id was
 * decoded lately returns that plan (plans are immutable data) once its bytes are checked equal to
 * the ones decoded, so a 24-task stage decodes its plan once per executor JVM.
 *
 * <p>The id spares the reader a hash over the whole block (tens of kilobytes for a plan carrying a
 * local table, hashed on every task while the JVM is young): the id is the writing JVM's random
 * origin and a sequence number. A block this JVM wrote (local mode) is found by its id alone, as
 * its ids are unique by construction; a block of another JVM is also compared with the bytes
 * decoded before, so that another JVM with the same random origin never gets the wrong plan.
 *
 * <p>Bounded: plans of at most {@link #MAX_KEPT_BYTES} encoded are kept, at most {@link
 * #MAX_DECODED} decoded ones (least recently used first out). Thread-safe: each map is used under
 * its own monitor; encoding and decoding happen outside them with the caller's Kryo.
 */
final class StagePlans {
  /** A plan of a few hundred nodes encodes to a few kilobytes; one carrying a large local table is not kept. */
  static final int MAX_KEPT_BYTES = 256 << 10;
  static final int MAX_DECODED = 16;

  /**
   * This JVM's part of every block id it writes: another JVM's blocks rarely share an id with this
   * one's (a shared id only costs a decoding, as the bytes are checked). Not a secret, so no
   * SecureRandom (whose seeding would slow the session start), and the process id as ProcessOwner
   * reads it (ProcessHandle's first use costs a fresh JVM tens of milliseconds).
   */
  private static final long ORIGIN = new SplittableRandom().nextLong() ^ ProcessOwner.current().pid();
  private static final AtomicLong NEXT_SEQUENCE = new AtomicLong();

  /** Encoded plans by plan (weak keys: a plan no stage holds any more drops its bytes). */
  private static final Map<PhysicalPlan, Encoded> ENCODED = new WeakHashMap<>();
  /**
   * The plans looked up last, compared by identity, guarded by {@link #ENCODED}'s monitor: a stage's
   * tasks share one plan instance, so all but its first task find the bytes here without hashing
   * the whole plan tree (a record's hash visits every node and expression).
   */
  private static final int RECENT_PLANS = 8;
  @SuppressWarnings("unchecked")
  private static final WeakReference<PhysicalPlan>[] RECENT = new WeakReference[RECENT_PLANS];
  private static final Encoded[] RECENT_ENCODED = new Encoded[RECENT_PLANS];
  private static int nextRecent;
  /** Decoded plans by their block's id, most recently used last. */
  private static final Map<BlockId, Decoded> DECODED = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BlockId, Decoded> eldest) {
      return size() > MAX_DECODED;
    }
  };
  private static final AtomicLong ENCODINGS = new AtomicLong();
  private static final AtomicLong DECODINGS = new AtomicLong();

  private StagePlans() {}

  static void write(Kryo kryo, Output output, PhysicalPlan plan) {
    Encoded encoded;
    synchronized (ENCODED) {
      encoded = recent(plan);
      if (encoded == null) {
        encoded = ENCODED.get(plan);
        if (encoded != null) {
          remember(plan, encoded);
        }
      }
    }
    if (encoded == null) {
      byte[] bytes;
      try (Output block = new Output(1024, -1)) {
        kryo.writeClassAndObject(block, plan);
        bytes = block.toBytes();
      }
      ENCODINGS.incrementAndGet();
      encoded = new Encoded(bytes, NEXT_SEQUENCE.incrementAndGet());
      if (bytes.length <= MAX_KEPT_BYTES) {
        synchronized (ENCODED) {
          ENCODED.put(plan, encoded);
          remember(plan, encoded);
        }
      }
    }
    output.writeVarInt(encoded.bytes().length, true);
    output.writeLong(ORIGIN);
    output.writeVarLong(encoded.sequence(), true);
    output.writeBytes(encoded.bytes());
  }

  /** The encoding of this very plan instance if it was looked up lately; under {@link #ENCODED}'s monitor. */
  private static Encoded recent(PhysicalPlan plan) {
    for (int i = 0; i < RECENT_PLANS; i++) {
      WeakReference<PhysicalPlan> reference = RECENT[i];
      if (reference != null && reference.get() == plan) {
        return RECENT_ENCODED[i];
      }
    }
    return null;
  }

  private static void remember(PhysicalPlan plan, Encoded encoded) {
    RECENT[nextRecent] = new WeakReference<>(plan);
    RECENT_ENCODED[nextRecent] = encoded;
    nextRecent = (nextRecent + 1) % RECENT_PLANS;
  }

  static PhysicalPlan read(Kryo kryo, Input input) {
    int length = input.readVarInt(true);
    BlockId id = new BlockId(input.readLong(), input.readVarLong(true));
    Decoded known;
    synchronized (DECODED) {
      known = DECODED.get(id);
    }
    if (known != null && id.origin == ORIGIN && known.bytes().length == length) {
      // This JVM wrote the block: its ids are unique by construction, so the id is the content.
      input.skip(length);
      return known.plan();
    }
    if (known != null && known.bytes().length == length && input.getInputStream() == null
        && input.limit() - input.position() >= length) {
      // Another JVM's block, whole in the buffer: compared where it lies, not copied out.
      int position = input.position();
      if (Arrays.equals(known.bytes(), 0, length, input.getBuffer(), position, position + length)) {
        input.setPosition(position + length);
        return known.plan();
      }
    }
    byte[] bytes = input.readBytes(length);
    if (known != null && Arrays.equals(known.bytes(), bytes)) {
      return known.plan();
    }
    PhysicalPlan plan;
    try (Input block = new Input(bytes)) {
      Object decoded = kryo.readClassAndObject(block);
      if (!(decoded instanceof PhysicalPlan physical)) {
        throw new com.esotericsoftware.kryo.KryoException(
            "a task's plan block holds " + (decoded == null ? "null" : decoded.getClass().getName()));
      }
      plan = physical;
    }
    DECODINGS.incrementAndGet();
    if (length <= MAX_KEPT_BYTES) {
      synchronized (DECODED) {
        DECODED.put(id, new Decoded(bytes, plan));
      }
    }
    return plan;
  }

  /** How many plans were encoded and decoded (not served from the caches), for tests. */
  static long encodings() {
    return ENCODINGS.get();
  }

  static long decodings() {
    return DECODINGS.get();
  }

  /** A plan's bytes and the sequence number of its block id. */
  private record Encoded(byte[] bytes, long sequence) {}

  /** A decoded plan and the bytes it was decoded from (to check a block with its id against). */
  private record Decoded(byte[] bytes, PhysicalPlan plan) {}

  /**
   * A block's id: the writing JVM's origin and its sequence number. Equality and hash are written
   * out (not a record's generated ones): they run on every task, mostly interpreted in a young JVM.
   */
  private static final class BlockId {
    private final long origin;
    private final long sequence;

    BlockId(long origin, long sequence) {
      this.origin = origin;
      this.sequence = sequence;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BlockId that && origin == that.origin && sequence == that.sequence;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(origin * 31 + sequence);
    }
  }
}
