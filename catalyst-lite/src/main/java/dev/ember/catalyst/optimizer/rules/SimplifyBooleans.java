package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;

/**
 * BooleanSimplification: removes boolean constants, double negations and repeated operands with
 * identities that hold under three-valued logic (null is "unknown"):
 *
 * <ul>
 *   <li>{@code true AND x -> x}: true AND null is null, true AND b is b;
 *   <li>{@code false AND x -> false}: false wins over null, so it holds for every x;
 *   <li>{@code false OR x -> x} and {@code true OR x -> true}: the mirror images (true wins over null);
 *   <li>{@code x AND x -> x}, {@code x OR x -> x}: idempotent for true, false and null
 *       (deterministic x only);
 *   <li>{@code NOT NOT x -> x}: NOT null is null;
 *   <li>{@code NOT (a < b) -> a >= b} (and the other comparisons): a null operand gives null on both
 *       sides, and doubles are totally ordered (NaN above all), so the negation is exact;
 *   <li>{@code NOT (x IS NULL) -> x IS NOT NULL} and back;
 *   <li>{@code x AND NOT x -> false}, {@code x OR NOT x -> true} only when x is not nullable:
 *       for a null x both sides are null.
 * </ul>
 *
 * <pre>
 *   Filter (true AND NOT (a &lt; 5))        Filter (a &gt;= 5)
 *     Relation [a]              ==&gt;         Relation [a]
 * </pre>
 */
public final class SimplifyBooleans implements OptimizerRule {
  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return PlanExpressions.transform(node, SimplifyBooleans::simplify);
  }

  static Expression simplify(Expression expression) {
    // Only three node types take part: instanceof keeps that visible without a default branch.
    if (expression instanceof And and) {
      return simplifyAnd(and);
    }
    if (expression instanceof Or or) {
      return simplifyOr(or);
    }
    return expression instanceof Not not ? simplifyNot(not) : expression;
  }

  private static Expression simplifyAnd(And and) {
    Expression left = and.left();
    Expression right = and.right();
    if (isTrue(left)) {
      return right;
    }
    if (isTrue(right)) {
      return left;
    }
    if (isFalse(left) || isFalse(right)) {
      return Literal.of(false);
    }
    if (left.deterministic() && left.equals(right)) {
      return left;
    }
    if (contradicts(left, right)) {
      return Literal.of(false);
    }
    return and;
  }

  private static Expression simplifyOr(Or or) {
    Expression left = or.left();
    Expression right = or.right();
    if (isFalse(left)) {
      return right;
    }
    if (isFalse(right)) {
      return left;
    }
    if (isTrue(left) || isTrue(right)) {
      return Literal.of(true);
    }
    if (left.deterministic() && left.equals(right)) {
      return left;
    }
    if (contradicts(left, right)) {
      return Literal.of(true);
    }
    return or;
  }

  private static Expression simplifyNot(Not not) {
    Expression child = not.child();
    if (child instanceof Not inner) {
      return inner.child();
    }
    if (child instanceof Comparison comparison) {
      return new Comparison(comparison.operator().negate(), comparison.left(), comparison.right());
    }
    if (child instanceof IsNull isNull) {
      return new IsNotNull(isNull.child());
    }
    return child instanceof IsNotNull isNotNull ? new IsNull(isNotNull.child()) : not;
  }

  /** Whether one side is {@code NOT} the other and neither can be null (then exactly one is true). */
  private static boolean contradicts(Expression left, Expression right) {
    if (left.nullable() || right.nullable() || !left.deterministic()) {
      return false;
    }
    return (right instanceof Not negatedRight && negatedRight.child().equals(left))
        || (left instanceof Not negatedLeft && negatedLeft.child().equals(right));
  }

  private static boolean isTrue(Expression expression) {
    return expression instanceof Literal literal && Boolean.TRUE.equals(literal.value());
  }

  private static boolean isFalse(Expression expression) {
    return expression instanceof Literal literal && Boolean.FALSE.equals(literal.value());
  }
}
