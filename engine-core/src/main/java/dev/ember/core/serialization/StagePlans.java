package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.plan.PhysicalPlan;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stage's plan encoded once and decoded once per JVM, however many tasks carry it: Spark's task
 * binary, kept inside each task's bytes so that tasks stay self-contained (DESIGN: every task is
 * serialized, in every mode). A task record writes its plan as a length-prefixed block of bytes;
 * the bytes of an equal plan (records compare by value; a stage's tasks share one instance) are
 * made once and copied into each task. Reading, a block equal to one decoded lately returns that
 * plan (plans are immutable data), so a 24-task stage decodes its plan once per executor JVM.
 *
 * <p>Bounded: plans of at most {@link #MAX_KEPT_BYTES} encoded are kept, at most {@link
 * #MAX_DECODED} decoded ones (least recently used first out). Thread-safe: each map is used under
 * its own monitor; encoding and decoding happen outside them with the caller's Kryo.
 */
final class StagePlans {
  /** A plan of a few hundred nodes encodes to a few kilobytes; one carrying a large local table is not kept. */
  static final int MAX_KEPT_BYTES = 256 << 10;
  static final int MAX_DECODED = 16;

  /** Encoded plans by plan (weak keys: a plan no stage holds any more drops its bytes). */
  private static final Map<PhysicalPlan, byte[]> ENCODED = new WeakHashMap<>();
  /**
   * The plans looked up last, compared by identity, guarded by {@link #ENCODED}'s monitor: a stage's
   * tasks share one plan instance, so all but its first task find the bytes here without hashing
   * the whole plan tree (a record's hash visits every node and expression).
   */
  private static final int RECENT_PLANS = 8;
  @SuppressWarnings("unchecked")
  private static final WeakReference<PhysicalPlan>[] RECENT = new WeakReference[RECENT_PLANS];
  private static final byte[][] RECENT_BYTES = new byte[RECENT_PLANS][];
  private static int nextRecent;
  /** Decoded plans by their bytes, most recently used last. */
  private static final Map<BytesKey, PhysicalPlan> DECODED = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<BytesKey, PhysicalPlan> eldest) {
      return size() > MAX_DECODED;
    }
  };
  private static final AtomicLong ENCODINGS = new AtomicLong();
  private static final AtomicLong DECODINGS = new AtomicLong();

  private StagePlans() {}

  static void write(Kryo kryo, Output output, PhysicalPlan plan) {
    byte[] bytes;
    synchronized (ENCODED) {
      bytes = recentBytes(plan);
      if (bytes == null) {
        bytes = ENCODED.get(plan);
        if (bytes != null) {
          remember(plan, bytes);
        }
      }
    }
    if (bytes == null) {
      try (Output block = new Output(1024, -1)) {
        kryo.writeClassAndObject(block, plan);
        bytes = block.toBytes();
      }
      ENCODINGS.incrementAndGet();
      if (bytes.length <= MAX_KEPT_BYTES) {
        synchronized (ENCODED) {
          ENCODED.put(plan, bytes);
          remember(plan, bytes);
        }
      }
    }
    output.writeVarInt(bytes.length, true);
    output.writeBytes(bytes);
  }

  /** The bytes of this very plan instance if it was looked up lately; under {@link #ENCODED}'s monitor. */
  private static byte[] recentBytes(PhysicalPlan plan) {
    for (int i = 0; i < RECENT_PLANS; i++) {
      WeakReference<PhysicalPlan> reference = RECENT[i];
      if (reference != null && reference.get() == plan) {
        return RECENT_BYTES[i];
      }
    }
    return null;
  }

  private static void remember(PhysicalPlan plan, byte[] bytes) {
    RECENT[nextRecent] = new WeakReference<>(plan);
    RECENT_BYTES[nextRecent] = bytes;
    nextRecent = (nextRecent + 1) % RECENT_PLANS;
  }

  static PhysicalPlan read(Kryo kryo, Input input) {
    int length = input.readVarInt(true);
    byte[] bytes = input.readBytes(length);
    BytesKey key = new BytesKey(bytes);
    PhysicalPlan plan;
    synchronized (DECODED) {
      plan = DECODED.get(key);
    }
    if (plan != null) {
      return plan;
    }
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
        DECODED.put(key, plan);
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

  /** Bytes compared by content; the hash computed once. */
  private record BytesKey(byte[] bytes, int hash) {
    BytesKey(byte[] bytes) {
      this(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BytesKey that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
