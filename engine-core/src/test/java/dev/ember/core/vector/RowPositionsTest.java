package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RowPositionsTest {
  @Test
  void identityListsOfEveryLengthAroundTheTemplatesEdgesHoldTheirPositions() {
    int[] lengths = {0, 1, 2, 1_000, Batch.DEFAULT_ROWS - 1, Batch.DEFAULT_ROWS, Batch.DEFAULT_ROWS + 1,
        3 * Batch.DEFAULT_ROWS + 7, RowPositions.MAX_TEMPLATE - 1, RowPositions.MAX_TEMPLATE,
        RowPositions.MAX_TEMPLATE + 1, 2 * RowPositions.MAX_TEMPLATE + 3};
    for (int length : lengths) {
      assertThat(RowPositions.identity(length)).as("length %d", length).isEqualTo(byLoop(0, length, length));
    }
  }

  @Test
  void fillingARangeWritesOnlyThatRange() {
    Random random = new Random(18);
    for (int round = 0; round < 200; round++) {
      int size = random.nextInt(2 * RowPositions.MAX_TEMPLATE + 10);
      int from = size == 0 ? 0 : random.nextInt(size + 1);
      int to = from + random.nextInt(size - from + 1);
      int[] positions = new int[size];
      Arrays.fill(positions, -7);
      RowPositions.fillIdentity(positions, from, to);
      int[] expected = new int[size];
      Arrays.fill(expected, -7);
      for (int i = from; i < to; i++) {
        expected[i] = i;
      }
      assertThat(positions).as("size %d, [%d, %d)", size, from, to).isEqualTo(expected);
    }
    int[] untouched = {5, 6, 7};
    RowPositions.fillIdentity(untouched, 2, 1);
    assertThat(untouched).containsExactly(5, 6, 7);
  }

  @Test
  void threadsGrowingTheTemplateAtOnceAllGetCorrectLists() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 64; task++) {
        int seed = task;
        results.add(threads.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < 50; i++) {
            int length = random.nextInt(RowPositions.MAX_TEMPLATE + 100);
            if (!Arrays.equals(RowPositions.identity(length), byLoop(0, length, length))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static int[] byLoop(int from, int to, int size) {
    int[] positions = new int[size];
    for (int i = from; i < to; i++) {
      positions[i] = i;
    }
    return positions;
  }
}
