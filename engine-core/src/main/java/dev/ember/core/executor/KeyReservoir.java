package dev.ember.core.executor;

import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.RowPositions;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A uniform sample of at most {@code capacity} key rows from a stream of key batches (reservoir
 * sampling, algorithm R). The sample is one batch; each input batch costs one gather at most.
 */
final class KeyReservoir {
  private final Schema schema;
  private final int capacity;
  private final SplittableRandom random;
  private Batch sample;
  private long seen;

  KeyReservoir(Schema schema, int capacity, long seed) {
    this.schema = schema;
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
    this.sample = Batch.empty(schema);
  }

  void add(Batch keys) {
    int rows = keys.rowCount();
    if (rows == 0) {
      return;
    }
    int current = sample.rowCount();
    // Positions < current refer to the sample, the others to keys (shifted by current).
    int newSize = (int) Math.min(capacity, current + (long) rows);
    int[] positions = new int[newSize];
    RowPositions.fillIdentity(positions, 0, current);
    int filled = current;
    boolean changed = false;
    for (int row = 0; row < rows; row++) {
      if (filled < capacity) {
        positions[filled++] = current + row;
        changed = true;
      } else {
        long slot = random.nextLong(seen + 1);
        if (slot < capacity) {
          positions[(int) slot] = current + row;
          changed = true;
        }
      }
      seen++;
    }
    if (changed) {
      sample = Batch.concat(schema, List.of(sample, keys)).gather(positions, newSize);
    }
  }

  Batch sample() {
    return sample;
  }

  long seen() {
    return seen;
  }
}
