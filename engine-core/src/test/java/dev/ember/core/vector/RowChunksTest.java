package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A chunked gather writes what one loop over all rows writes, at and around the chunk's edges. */
class RowChunksTest {
  @Test
  void gatheringInChunksWritesWhatOneLoopWrites() {
    Random random = new Random(128);
    int[] source = new int[1_000];
    for (int i = 0; i < source.length; i++) {
      source[i] = random.nextInt();
    }
    for (int count : new int[] {0, 1, RowChunks.ROWS - 1, RowChunks.ROWS, RowChunks.ROWS + 1, 2 * RowChunks.ROWS, 1_000}) {
      int[] positions = new int[count];
      for (int i = 0; i < count; i++) {
        positions[i] = random.nextInt(source.length);
      }
      int[] expected = new int[count + 1];
      for (int i = 0; i < count; i++) {
        expected[i] = source[positions[i]];
      }
      expected[count] = -7;
      int[] target = new int[count + 1];
      target[count] = -7;

      RowChunks.gatherInts(source, positions, target, count);

      assertThat(target).as("%d rows; the slot after them untouched", count).containsExactly(expected);
    }
  }
}
