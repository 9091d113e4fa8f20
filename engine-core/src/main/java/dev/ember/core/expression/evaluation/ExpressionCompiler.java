package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;

/**
 * Turns a bound expression tree into a tree of vectorized kernels, once per operator instance.
 * (Skeleton: references and literals only; the full kernel set is being written.)
 */
public final class ExpressionCompiler {
  private ExpressionCompiler() {}

  public static VectorExpression compile(Expression expression) {
    return switch (expression) {
      case BoundReference reference -> new VectorExpression() {
        @Override
        public ColumnType type() {
          return reference.type();
        }

        @Override
        public ColumnVector evaluate(Batch batch) {
          return batch.column(reference.ordinal());
        }
      };
      case Literal literal -> new VectorExpression() {
        @Override
        public ColumnType type() {
          return literal.type();
        }

        @Override
        public ColumnVector evaluate(Batch batch) {
          return ColumnVector.constant(literal.type(), literal.value(), batch.rowCount());
        }
      };
      default -> throw new UnsupportedOperationException("not compiled yet: " + expression);
    };
  }
}
