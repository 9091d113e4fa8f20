package dev.ember.core.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * count(*) and count(x) against counts kept in a plain array: one group, few (counted in lanes),
 * the most lanes allow and one more, skewed runs of one group, batches of random sizes with and
 * without nulls, and partial counts merged.
 */
class CountAccumulatorTest {

  @Test
  void countsAgreeWithAPlainCountForFewGroupsAndMany() {
    Random random = new Random(77);
    for (int groupCount : new int[] {1, 4, 64, 65, 1_000}) {
      CountAccumulator count = new CountAccumulator();
      CountAccumulator merged = new CountAccumulator();
      count.ensureGroups(groupCount);
      merged.ensureGroups(groupCount);
      long[] expected = new long[groupCount];
      for (int batch = 0; batch < 40; batch++) {
        int rows = random.nextInt(5_000);
        int[] groups = new int[rows];
        long[] values = new long[rows];
        boolean[] nulls = new boolean[rows];
        boolean withNulls = batch % 3 == 0;
        for (int i = 0; i < rows; i++) {
          // Runs of group 0, as in TPC-H Q1, and the rest spread.
          groups[i] = i % 100 < 70 ? 0 : random.nextInt(groupCount);
          nulls[i] = withNulls && random.nextInt(7) == 0;
          expected[groups[i]] += nulls[i] ? 0 : 1;
        }
        ColumnVector argument = new LongVector(ColumnType.LONG, values, withNulls ? nulls : null, rows);
        count.update(new ColumnVector[] {argument}, groups, rows);
        // The same rows as a partial count merged into another.
        CountAccumulator partial = new CountAccumulator();
        partial.ensureGroups(groupCount);
        partial.update(new ColumnVector[] {argument}, groups, rows);
        int[] identity = new int[groupCount];
        for (int group = 0; group < groupCount; group++) {
          identity[group] = group;
        }
        merged.merge(partial.states(0, groupCount), identity, groupCount);
      }
      LongVector counts = (LongVector) count.results(0, groupCount);
      LongVector mergedCounts = (LongVector) merged.results(0, groupCount);
      for (int group = 0; group < groupCount; group++) {
        assertThat(counts.values[group]).as("group %d of %d", group, groupCount).isEqualTo(expected[group]);
        assertThat(mergedCounts.values[group]).as("merged group %d of %d", group, groupCount).isEqualTo(expected[group]);
      }
    }
  }

  /**
   * Announcing the groups already held copies nothing: the table announces its group count after
   * every batch, and the counts of a million groups used to be copied each time. Allocation counted
   * on this thread (exact per object).
   */
  @Test
  void announcingTheSameGroupsAgainAllocatesNothing() {
    CountAccumulator count = new CountAccumulator();
    count.ensureGroups(1_000_000);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int batch = 0; batch < 10; batch++) {
      count.ensureGroups(1_000_000);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isLessThan(1_024);
    assertThat(count.results(0, 1_000_000).size()).isEqualTo(1_000_000);
  }
}

