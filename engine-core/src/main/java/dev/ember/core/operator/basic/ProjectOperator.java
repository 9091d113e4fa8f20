package dev.ember.core.operator.basic;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.List;

/** Evaluates a list of expressions over each input batch; a bare column reference costs nothing. */
public final class ProjectOperator implements Operator {
  private final Operator child;
  private boolean closed;
  private final VectorExpression[] expressions;

  public ProjectOperator(Operator child, List<Expression> expressions) {
    this.child = child;
    this.expressions = expressions.stream().map(ExpressionCompiler::compile).toArray(VectorExpression[]::new);
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
    ColumnVector[] columns = new ColumnVector[expressions.length];
    for (int i = 0; i < expressions.length; i++) {
      columns[i] = expressions[i].evaluate(input);
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
