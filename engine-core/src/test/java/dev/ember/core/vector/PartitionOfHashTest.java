package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorHashing#partitionOf} and {@link VectorHashing#partitionsOf} against {@link
 * Math#floorMod} (Spark's {@code pmod}): every partition count from 1 to 70 and a few larger ones,
 * powers of two (taken from the hash's low bits) and not, on random hashes and on the extremes.
 */
class PartitionOfHashTest {
  private static final int[] EXTREMES = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
      Integer.MAX_VALUE - 1, 1 << 30, -(1 << 30)};

  private static int[] counts() {
    int[] counts = new int[80];
    for (int i = 0; i < 70; i++) {
      counts[i] = i + 1;
    }
    int[] larger = {128, 199, 200, 256, 1000, 1024, 1 << 20, (1 << 30) + 1, 1 << 30, Integer.MAX_VALUE};
    System.arraycopy(larger, 0, counts, 70, larger.length);
    return counts;
  }

  @Test
  void everyHashGoesWhereFloorModSends() {
    long seed = TestSeeds.seed(1801);
    Random random = new Random(seed);
    int rows = 1_000;
    int[] hashes = new int[rows + 3];
    for (int row = 0; row < rows; row++) {
      hashes[row] = row < EXTREMES.length ? EXTREMES[row] : random.nextInt();
    }
    for (int count : counts()) {
      int[] partitions = new int[rows + 3];
      partitions[rows] = -7; // past the rows: left alone
      VectorHashing.partitionsOf(hashes, rows, count, partitions);
      for (int row = 0; row < rows; row++) {
        int expected = Math.floorMod(hashes[row], count);
        assertThat(partitions[row]).as(TestSeeds.describe(seed) + ": hash %d into %d", hashes[row], count).isEqualTo(expected);
        assertThat(VectorHashing.partitionOf(hashes[row], count)).as("hash %d into %d", hashes[row], count).isEqualTo(expected);
      }
      assertThat(partitions[rows]).isEqualTo(-7);
    }
  }

  @Test
  void noRowsWritesNothing() {
    int[] partitions = {-1, -1};
    VectorHashing.partitionsOf(new int[] {5, 6}, 0, 2, partitions);
    VectorHashing.partitionsOf(new int[] {5, 6}, 0, 3, partitions);
    assertThat(partitions).containsExactly(-1, -1);
  }
}
