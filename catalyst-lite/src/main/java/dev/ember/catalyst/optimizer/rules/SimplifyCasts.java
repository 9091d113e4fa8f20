package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.TypeKind;

/**
 * Removes casts that change nothing: a cast to the child's own type disappears, and a cast of an
 * exact widening of an INT ({@code cast(cast(i as bigint) as double)}) casts the INT directly,
 * because every INT is exactly a LONG and a DOUBLE, and converting it on to a number gives the same
 * value as converting it at once.
 *
 * <pre>
 *   Project [cast(cast(i as bigint) as double) AS x, cast(s as string) AS t]
 *     Relation [i, s]
 *   ==&gt;
 *   Project [cast(i as double) AS x, s AS t]
 *     Relation [i, s]
 * </pre>
 *
 * Does not fire on a narrowing or lossy inner cast ({@code cast(cast(l as double) as bigint)}
 * loses digits of large LONGs), nor when the outer target is not a number (INT 1 as DOUBLE prints
 * "1.0", as an INT "1").
 */
public final class SimplifyCasts implements OptimizerRule {
  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return PlanExpressions.transform(node, SimplifyCasts::simplify);
  }

  static Expression simplify(Expression expression) {
    if (!(expression instanceof Cast cast)) {
      return expression;
    }
    if (cast.child().type().equals(cast.type())) {
      return cast.child();
    }
    if (cast.child() instanceof Cast inner && isExactIntWidening(inner) && isPlainNumber(cast.type().kind())) {
      Expression source = inner.child();
      return source.type().equals(cast.type()) ? source : new Cast(source, cast.type());
    }
    return cast;
  }

  private static boolean isExactIntWidening(Cast cast) {
    TypeKind target = cast.type().kind();
    return cast.child().type().kind() == TypeKind.INT && (target == TypeKind.LONG || target == TypeKind.DOUBLE);
  }

  private static boolean isPlainNumber(TypeKind kind) {
    return kind == TypeKind.INT || kind == TypeKind.LONG || kind == TypeKind.DOUBLE;
  }
}
