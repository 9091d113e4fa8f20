package dev.ember.core.operator.scan;

import static dev.ember.core.operator.OperatorTesting.drain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.vector.Batch;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeScanOperatorTest {
  /** All values of all partitions, in partition order. */
  private static List<Long> scan(long start, long end, long step, int partitions) {
    List<Long> values = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      for (Batch batch : drain(new RangeScanOperator(new RangeScanExec(start, end, step, partitions), partition))) {
        for (int row = 0; row < batch.rowCount(); row++) {
          values.add((Long) batch.column(0).getObject(row));
        }
      }
    }
    return values;
  }

  /** The model: BigInteger arithmetic, no overflow possible. */
  private static List<Long> expected(long start, long end, long step) {
    List<Long> values = new ArrayList<>();
    BigInteger value = BigInteger.valueOf(start);
    BigInteger limit = BigInteger.valueOf(end);
    BigInteger increment = BigInteger.valueOf(step);
    while (step > 0 ? value.compareTo(limit) < 0 : value.compareTo(limit) > 0) {
      values.add(value.longValueExact());
      value = value.add(increment);
    }
    return values;
  }

  @Test
  void randomRangesMatchTheModelAndSplitEvenly() {
    Random random = new Random(7);
    for (int i = 0; i < 300; i++) {
      long start = random.nextInt(20_000) - 10_000;
      long end = random.nextInt(20_000) - 10_000;
      long step = (random.nextInt(40) + 1) * (random.nextBoolean() ? 1 : -1);
      int partitions = 1 + random.nextInt(7);

      assertThat(scan(start, end, step, partitions)).as("range(%d, %d, %d) in %d", start, end, step, partitions)
          .isEqualTo(expected(start, end, step));
      // Partition sizes differ by at most one.
      int min = Integer.MAX_VALUE;
      int max = 0;
      for (int partition = 0; partition < partitions; partition++) {
        int size = drain(new RangeScanOperator(new RangeScanExec(start, end, step, partitions), partition)).stream()
            .mapToInt(Batch::rowCount).sum();
        min = Math.min(min, size);
        max = Math.max(max, size);
      }
      assertThat(max - min).isLessThanOrEqualTo(1);
    }
  }

  @Test
  void negativeStepsCountDown() {
    assertThat(scan(10, 0, -3, 2)).containsExactly(10L, 7L, 4L, 1L);
    assertThat(scan(0, 10, -1, 3)).isEmpty();
    assertThat(scan(5, 5, 1, 1)).isEmpty();
  }

  @Test
  void extremeBoundsDoNotOverflow() {
    assertThat(scan(Long.MAX_VALUE - 2, Long.MAX_VALUE, 1, 2)).containsExactly(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1);
    assertThat(scan(Long.MIN_VALUE + 2, Long.MIN_VALUE, -1, 3)).containsExactly(Long.MIN_VALUE + 2, Long.MIN_VALUE + 1);
    assertThat(scan(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 2))
        .isEqualTo(expected(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
    assertThat(scan(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, 4))
        .isEqualTo(expected(Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE));
  }

  @Test
  void theWholeLongRangeStartsEachPartitionAtItsShare() {
    // 2^64 - 1 elements: more than a long can count; only the first batch of each partition is read.
    for (int partition = 0; partition < 4; partition++) {
      RangeScanOperator scan = new RangeScanOperator(new RangeScanExec(Long.MIN_VALUE, Long.MAX_VALUE, 1, 4), partition);
      Batch first = scan.next();
      BigInteger elements = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
      long expectedStart = BigInteger.valueOf(Long.MIN_VALUE)
          .add(elements.multiply(BigInteger.valueOf(partition)).divide(BigInteger.valueOf(4))).longValueExact();
      assertThat(first.rowCount()).isEqualTo(Batch.DEFAULT_ROWS);
      assertThat(first.column(0).getObject(0)).isEqualTo(expectedStart);
      assertThat(first.column(0).getObject(Batch.DEFAULT_ROWS - 1)).isEqualTo(expectedStart + Batch.DEFAULT_ROWS - 1);
      scan.close();
    }
  }

  @Test
  void batchesHoldAtMostTheDefaultRowCount() {
    List<Batch> batches = drain(new RangeScanOperator(new RangeScanExec(0, 10_000, 1, 1), 0));

    assertThat(batches).extracting(Batch::rowCount).containsExactly(4096, 4096, 1808);
  }
}
