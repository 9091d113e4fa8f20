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
}
