package dev.ember.core.operator.basic;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.Selections;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.List;

/**
 * Evaluates a list of expressions over each input batch; a bare column reference costs nothing.
 *
 * <p>A batch with a selection keeps it when most of its rows are selected ({@link
 * Selections#cheaperOverAllRows}): the expressions run over all physical rows and columns passed
 * through are shared, not copied. When few rows are selected, the expressions run over the selected
 * rows alone (their inputs gathered) and the output is dense: gathering a few rows costs less than
 * computing many that nobody reads.
 *
 * <p>A projection of bare column references only (the column pruning below a join or an aggregate)
 * keeps any selection as it is: the next operator gathers just the columns it reads, and only for
 * the rows it keeps (a join probe gathers its key column, then the matching rows of the others).
 */
public final class ProjectOperator implements Operator {
  private final Operator child;
  private boolean closed;
  private final VectorExpression[] expressions;
  /** The input columns when every expression is a bare column reference; null otherwise. */
  private final int[] passedColumns;

  public ProjectOperator(Operator child, List<Expression> expressions) {
    this.child = child;
    // A loop, not a stream: operators are built for every task, mostly interpreted in a young JVM.
    this.expressions = new VectorExpression[expressions.size()];
    for (int i = 0; i < this.expressions.length; i++) {
      this.expressions[i] = ExpressionCompiler.compile(expressions.get(i));
    }
    this.passedColumns = passedColumns(expressions);
  }

  private static int[] passedColumns(List<Expression> expressions) {
    int[] ordinals = new int[expressions.size()];
    for (int i = 0; i < ordinals.length; i++) {
      if (!(expressions.get(i) instanceof BoundReference reference)) {
        return null;
      }
      ordinals[i] = reference.ordinal();
    }
    return ordinals;
  }

  @Override
  public Batch next() {
    if (closed) {
      return null;
    }
    Batch input = child.next();
    if (input == null) {
      return null;
    }
    if (passedColumns != null && input.hasSelection()) {
      for (int i = 0; i < passedColumns.length; i++) {
        // The checks a column reference's evaluation makes, without reading (gathering) the column.
        int ordinal = passedColumns[i];
        if (ordinal >= input.columnCount() || !input.type(ordinal).equals(expressions[i].type())) {
          throw new IllegalStateException("input[" + ordinal + "] was bound as " + expressions[i].type()
              + " but the batch has " + (ordinal >= input.columnCount() ? input.columnCount() + " columns" : input.type(ordinal)));
        }
      }
      return input.selectColumns(passedColumns);
    }
    if (input.hasSelection() && Selections.cheaperOverAllRows(input.rowCount(), input.physicalRowCount())) {
      Batch physical = input.physical();
      ColumnVector[] columns = new ColumnVector[expressions.length];
      for (int i = 0; i < expressions.length; i++) {
        columns[i] = VectorExpression.dispatch(expressions[i], physical);
      }
      return input.withPhysicalColumns(columns);
    }
    // No selection, or a sparse one: the batch's columns read as the selected rows, gathered once.
    ColumnVector[] columns = new ColumnVector[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      columns[i] = VectorExpression.dispatch(expressions[i], input);
    }
    return new Batch(columns, input.rowCount());
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      child.close();
    }
  }
}
