package dev.ember.core.serialization;

import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.vector.Batch;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The encodings of batches that travel again and again: a local table's batches ride in the task of
 * every query over it, and batches are immutable, so their bytes are made once and kept while the
 * batch lives (weakly keyed by identity: {@link Batch} has identity equality). A batch is kept only
 * on its second encoding, so batches sent once (results, broadcast parts) cost no copy, and only up
 * to {@link #MAX_KEPT_BYTES} per batch and about {@link #MAX_TOTAL_BYTES} in all (then the cache starts over).
 *
 * <p>Thread-safe: the map is used under its own monitor; encoding happens outside it, into the
 * caller's buffer.
 */
final class EncodedBatches {
  /** A batch of a few thousand rows encodes to tens of kilobytes; larger ones are encoded each time. */
  static final int MAX_KEPT_BYTES = 1 << 20;
  static final long MAX_TOTAL_BYTES = 64L << 20;
  /** Marks a batch encoded once: the next encoding keeps its bytes. */
  private static final byte[] SEEN_ONCE = new byte[0];

  private static final Map<Batch, byte[]> ENCODED = new WeakHashMap<>();
  /** Bytes kept since the last start-over (entries of collected batches still count: the bound is loose, never exceeded). */
  private static long keptBytes;
  /** How many batches were run through the encoder (tests count them). */
  private static final AtomicLong ENCODINGS = new AtomicLong();

  private EncodedBatches() {}

  /**
   * The encoding of {@code batch}: the kept bytes (the caller must not modify them), or the bytes
   * encoded now into {@code buffer}, of which the first {@code buffer.length()} count.
   */
  static byte[] encode(Batch batch, ByteArrayOutput buffer) {
    byte[] kept;
    synchronized (ENCODED) {
      kept = ENCODED.get(batch);
    }
    if (kept != null && kept != SEEN_ONCE) {
      return kept;
    }
    buffer.reset();
    BatchEncoder.encode(batch, buffer);
    ENCODINGS.incrementAndGet();
    synchronized (ENCODED) {
      if (kept == null) {
        ENCODED.put(batch, SEEN_ONCE);
      } else if (buffer.length() <= MAX_KEPT_BYTES) {
        if (keptBytes + buffer.length() > MAX_TOTAL_BYTES) {
          ENCODED.clear();
          keptBytes = 0;
        }
        ENCODED.put(batch, Arrays.copyOf(buffer.array(), buffer.length()));
        keptBytes += buffer.length();
      }
    }
    return null;
  }

  /** How many batches went through the encoder so far (not served from the cache). */
  static long encodings() {
    return ENCODINGS.get();
  }
}
