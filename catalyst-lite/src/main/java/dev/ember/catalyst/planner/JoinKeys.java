package dev.ember.catalyst.planner;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A join condition split into equi-join keys (conjuncts {@code l = r} where one side reads only
 * left columns and the other only right columns) and the residual conjuncts.
 */
record JoinKeys(List<Expression> leftKeys, List<Expression> rightKeys, List<Expression> residual) {

  static JoinKeys extract(Expression condition, List<AttributeReference> left, List<AttributeReference> right) {
    List<Expression> leftKeys = new ArrayList<>();
    List<Expression> rightKeys = new ArrayList<>();
    List<Expression> residual = new ArrayList<>();
    if (condition == null) {
      return new JoinKeys(leftKeys, rightKeys, residual);
    }
    Set<Long> leftIds = ids(left);
    Set<Long> rightIds = ids(right);
    for (Expression conjunct : Expressions.conjuncts(condition)) {
      if (conjunct instanceof Comparison(ComparisonOperator operator, Expression first, Expression second)
          && operator == ComparisonOperator.EQUAL) {
        if (readsOnly(first, leftIds) && readsOnly(second, rightIds)) {
          leftKeys.add(first);
          rightKeys.add(second);
          continue;
        }
        if (readsOnly(first, rightIds) && readsOnly(second, leftIds)) {
          leftKeys.add(second);
          rightKeys.add(first);
          continue;
        }
      }
      residual.add(conjunct);
    }
    return new JoinKeys(leftKeys, rightKeys, residual);
  }

  boolean isEquiJoin() {
    return !leftKeys.isEmpty();
  }

  /** The residual conjuncts as one condition, or null when there are none. */
  Expression residualCondition() {
    return residual.isEmpty() ? null : Expressions.and(residual);
  }

  JoinKeys swapped() {
    return new JoinKeys(rightKeys, leftKeys, residual);
  }

  /** Whether the expression reads some attribute and only attributes of {@code ids}. */
  private static boolean readsOnly(Expression expression, Set<Long> ids) {
    // A walk, not a set of references and a stream: planning runs on every action, mostly interpreted in a young JVM.
    return readsOnlyCounting(expression, ids) > 0;
  }

  /** The number of attribute reads in the expression when all are of {@code ids}, else -1. */
  private static int readsOnlyCounting(Expression expression, Set<Long> ids) {
    int reads = 0;
    if (expression instanceof AttributeReference attribute) {
      if (!ids.contains(attribute.id())) {
        return -1;
      }
      reads++;
    }
    for (Expression child : expression.children()) {
      int childReads = readsOnlyCounting(child, ids);
      if (childReads < 0) {
        return -1;
      }
      reads += childReads;
    }
    return reads;
  }

  private static Set<Long> ids(List<AttributeReference> attributes) {
    Set<Long> ids = new HashSet<>();
    for (AttributeReference attribute : attributes) {
      ids.add(attribute.id());
    }
    return ids;
  }
}
