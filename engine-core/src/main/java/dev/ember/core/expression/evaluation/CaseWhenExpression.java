package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import java.util.Arrays;
import java.util.List;

/**
 * {@code CASE WHEN ... END}: first decides each row's branch (the first condition that is true; a
 * null condition is not true), then copies each branch's value into the rows that chose it.
 * Conditions after every row has chosen, and values no row chose, are not evaluated.
 */
record CaseWhenExpression(
    List<VectorExpression> conditions, List<VectorExpression> values, VectorExpression otherwise, ColumnType type)
    implements VectorExpression {
  private static final int UNDECIDED = -1;

  CaseWhenExpression {
    conditions = List.copyOf(conditions);
    values = List.copyOf(values);
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    int rowCount = batch.rowCount();
    int branchCount = conditions.size();
    int[] branches = new int[rowCount];
    Arrays.fill(branches, UNDECIDED);
    int[] chosen = new int[branchCount];
    int undecided = rowCount;
    for (int branch = 0; branch < branchCount && undecided > 0; branch++) {
      BooleanVector condition = (BooleanVector) VectorExpression.dispatch(conditions.get(branch), batch);
      boolean[] truth = condition.values;
      boolean[] nulls = condition.nulls;
      int taken = 0;
      for (int i = 0; i < rowCount; i++) {
        if (branches[i] == UNDECIDED && truth[i] && (nulls == null || !nulls[i])) {
          branches[i] = branch;
          taken++;
        }
      }
      chosen[branch] = taken;
      undecided -= taken;
    }
    // One branch for every row: that branch's vector is the answer, without a copy.
    for (int branch = 0; branch < branchCount; branch++) {
      if (chosen[branch] == rowCount) {
        return VectorExpression.dispatch(values.get(branch), batch);
      }
    }
    if (undecided == rowCount) {
      return VectorExpression.dispatch(otherwise, batch);
    }
    ColumnMerger merger = new ColumnMerger(type, rowCount);
    for (int branch = 0; branch < branchCount; branch++) {
      if (chosen[branch] > 0) {
        merger.copyBranch(VectorExpression.dispatch(values.get(branch), batch), branches, branch);
      }
    }
    if (undecided > 0) {
      merger.copyBranch(VectorExpression.dispatch(otherwise, batch), branches, UNDECIDED);
    }
    return merger.build(merger.anyNull());
  }
}
