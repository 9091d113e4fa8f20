package dev.ember.core.operator.join;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.Schema;
import java.util.Arrays;

/**
 * A join without keys: every left row is paired with every buffered right row and the condition
 * (none: every pair) is evaluated on blocks of up to {@code Batch.DEFAULT_ROWS} pairs at a time,
 * walking left rows in order and, for each, right rows in order. Semi and anti joins without a
 * condition only ask whether the right side is empty.
 */
public final class NestedLoopJoinOperator extends PairJoinOperator {
  private int probeRow;
  private int buildRow;

  public NestedLoopJoinOperator(
      Operator left, Operator right, JoinType joinType, Expression condition, Schema leftSchema, Schema rightSchema) {
    this(left, right, joinType, compileCondition(condition), leftSchema, rightSchema);
  }

  /** With a compiled condition (tests use conditions the skeleton compiler cannot compile yet). */
  NestedLoopJoinOperator(
      Operator left, Operator right, JoinType joinType, VectorExpression condition, Schema leftSchema, Schema rightSchema) {
    super(left, right, joinType, condition, leftSchema, rightSchema, MemoryContext.unlimited());
  }

  /** Without keys there is no sort order to merge by: the build side stays in memory. */
  @Override
  Operator fallback(Operator left, Operator rightInput) {
    return null;
  }

  @Override
  void prepareBuild() {}

  @Override
  void startProbe() {
    probeRow = 0;
    buildRow = 0;
    if (skipMatchedProbeRows && condition == null) {
      boolean any = build.rowCount() > 0;
      Arrays.fill(probeMatched, 0, probe.rowCount(), any);
      probeRow = probe.rowCount();
    }
  }

  @Override
  int nextCandidates(int[] leftRows, int[] rightRows, int capacity) {
    int probeRows = probe.rowCount();
    int buildRows = build.rowCount();
    if (buildRows == 0) {
      return 0;
    }
    int count = 0;
    while (probeRow < probeRows && count < capacity) {
      if (skipMatchedProbeRows && probeMatched[probeRow]) {
        probeRow++;
        buildRow = 0;
        continue;
      }
      int take = Math.min(capacity - count, buildRows - buildRow);
      for (int i = 0; i < take; i++) {
        leftRows[count + i] = probeRow;
        rightRows[count + i] = buildRow + i;
      }
      count += take;
      buildRow += take;
      if (buildRow == buildRows) {
        buildRow = 0;
        probeRow++;
      }
    }
    return count;
  }

  @Override
  long lookupBytes() {
    return 0;
  }

  @Override
  void releaseBuild() {}
}
