package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.Or;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's BooleanSimplification step {@code (a AND b) OR (a AND c) -> a AND (b OR c)}: a conjunct
 * that every disjunct of an OR has moves out of it. The distributive and absorption laws hold in
 * three-valued logic, so the result is the same for null. It matters for joins: TPC-H Q19 repeats
 * its join condition {@code p_partkey = l_partkey} in each of three disjuncts, and only once it
 * stands alone can the planner see an equi-join instead of a nested loop over the cross product.
 * Only deterministic conjuncts move (a moved one is evaluated once, not once per disjunct).
 *
 * <pre>
 *   Filter ((k = j AND x = 1) OR (k = j AND x = 2))        Filter (k = j AND (x = 1 OR x = 2))
 *     Relation [k, j, x]                         ==&gt;         Relation [k, j, x]
 * </pre>
 */
public final class ExtractCommonConjuncts implements OptimizerRule {
  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return PlanExpressions.transform(node, ExtractCommonConjuncts::extract);
  }

  static Expression extract(Expression expression) {
    if (!(expression instanceof Or or)) {
      return expression;
    }
    List<Expression> disjuncts = new ArrayList<>();
    disjuncts(or, disjuncts);
    List<List<Expression>> conjunctLists = new ArrayList<>();
    for (Expression disjunct : disjuncts) {
      conjunctLists.add(Expressions.conjuncts(disjunct));
    }
    List<Expression> common = new ArrayList<>();
    for (Expression candidate : conjunctLists.get(0)) {
      if (candidate.deterministic() && !common.contains(candidate)
          && conjunctLists.stream().allMatch(conjuncts -> conjuncts.contains(candidate))) {
        common.add(candidate);
      }
    }
    if (common.isEmpty()) {
      return expression;
    }
    Expression rest = null;
    for (List<Expression> conjuncts : conjunctLists) {
      List<Expression> remaining = new ArrayList<>(conjuncts);
      remaining.removeAll(common);
      if (remaining.isEmpty()) {
        // a OR (a AND c) is a: the OR of the rest is true.
        return Expressions.and(common);
      }
      Expression disjunct = Expressions.and(remaining);
      rest = rest == null ? disjunct : new Or(rest, disjunct);
    }
    List<Expression> result = new ArrayList<>(common);
    result.add(rest);
    return Expressions.and(result);
  }

  private static void disjuncts(Expression expression, List<Expression> into) {
    if (expression instanceof Or or) {
      disjuncts(or.left(), into);
      disjuncts(or.right(), into);
    } else {
      into.add(expression);
    }
  }
}
