package dev.ember.core.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Tree helpers shared by the analyzer, the optimizer rules and the planner. */
public final class Expressions {
  private Expressions() {}

  /** Rewrites bottom-up: children first, then {@code rule} on the rebuilt node. */
  public static Expression transformUp(Expression expression, Function<Expression, Expression> rule) {
    List<Expression> children = expression.children();
    Expression rebuilt = expression;
    if (!children.isEmpty()) {
      List<Expression> newChildren = new ArrayList<>(children.size());
      boolean changed = false;
      for (Expression child : children) {
        Expression newChild = transformUp(child, rule);
        changed |= newChild != child;
        newChildren.add(newChild);
      }
      if (changed) {
        rebuilt = expression.withChildren(newChildren);
      }
    }
    return rule.apply(rebuilt);
  }

  /** The attributes an expression reads, in first-seen order. */
  public static Set<AttributeReference> references(Expression expression) {
    Set<AttributeReference> references = new LinkedHashSet<>();
    collectReferences(expression, references);
    return references;
  }

  private static void collectReferences(Expression expression, Set<AttributeReference> into) {
    if (expression instanceof AttributeReference attribute) {
      into.add(attribute);
    }
    for (Expression child : expression.children()) {
      collectReferences(child, into);
    }
  }

  /** Splits {@code a AND b AND c} into its conjuncts. */
  public static List<Expression> conjuncts(Expression condition) {
    List<Expression> conjuncts = new ArrayList<>();
    splitConjuncts(condition, conjuncts);
    return conjuncts;
  }

  private static void splitConjuncts(Expression condition, List<Expression> into) {
    if (condition instanceof And and) {
      splitConjuncts(and.left(), into);
      splitConjuncts(and.right(), into);
    } else {
      into.add(condition);
    }
  }

  /** Joins conjuncts with AND; an empty list is {@code true}. */
  public static Expression and(List<Expression> conjuncts) {
    if (conjuncts.isEmpty()) {
      return Literal.of(true);
    }
    Expression result = conjuncts.get(0);
    for (int i = 1; i < conjuncts.size(); i++) {
      result = new And(result, conjuncts.get(i));
    }
    return result;
  }
}
