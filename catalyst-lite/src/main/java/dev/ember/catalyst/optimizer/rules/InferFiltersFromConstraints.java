package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.Constraints;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.rewrite.RuleContext;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.IsNotNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds filters to the sides of a join that follow from what is known about the join: rows that
 * can never match are dropped early (and those filters then sink into the scans):
 *
 * <pre>
 *   Join Inner, a = b                        Join Inner, a = b
 *     Filter a = 5                    =&gt;      Filter a = 5
 *       Scan l [a]                               Scan l [a]
 *     Scan r [b]                               Filter b IS NOT NULL AND b = 5
 *                                                Scan r [b]
 * </pre>
 *
 * The known predicates are the {@link Constraints} of both sides and the join condition. Column
 * equalities {@code x = y} among them make classes of equal columns; a known predicate on one
 * column is restated for every other column of its class; a column compared by the join
 * condition or by an inferred predicate cannot be null. The resulting single-column predicates
 * that a side does not already know, and that are not conjuncts of the condition itself (those
 * are predicate pushdown's), are added as a filter on that side; {@code IS NOT NULL} only for
 * nullable columns.
 *
 * <p>Sides: INNER, CROSS and LEFT_SEMI both; LEFT_OUTER and LEFT_ANTI the right side only;
 * RIGHT_OUTER the left only; FULL_OUTER none. A preserved side of an outer join never gets a
 * filter, since its rows come out whether they match or not; the other side may lose rows that
 * could not match anything. A second run finds nothing new, so the driver's fixed point ends.
 */
public final class InferFiltersFromConstraints implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return apply(node, new RuleContext());
  }

  /** The constraints of the sides come from {@code context}: the same subtrees are asked about at every join above them. */
  @Override
  public LogicalPlan apply(LogicalPlan node, RuleContext context) {
    if (!(node instanceof Join join)) {
      return node;
    }
    boolean inferLeft = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, RIGHT_OUTER -> true;
      case LEFT_OUTER, LEFT_ANTI, FULL_OUTER -> false;
    };
    boolean inferRight = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, LEFT_OUTER, LEFT_ANTI -> true;
      case RIGHT_OUTER, FULL_OUTER -> false;
    };
    if (!inferLeft && !inferRight) {
      return node;
    }
    List<Expression> conditionConjuncts = PlanRewrites.splitMovable(PlanRewrites.conjunctsOf(join.condition())).get(0);
    // Each side's constraints once: they serve both the inference and the check of what a side knows.
    Map<Expression, Expression> leftKnows = context.constraints(join.left());
    Map<Expression, Expression> rightKnows = context.constraints(join.right());
    Map<Expression, Expression> known = new LinkedHashMap<>(leftKnows);
    rightKnows.forEach(known::putIfAbsent);
    for (Expression conjunct : conditionConjuncts) {
      known.putIfAbsent(PlanRewrites.canonical(conjunct), conjunct);
    }
    Map<Expression, Expression> inferred = infer(known, conditionConjuncts);
    for (Expression conjunct : conditionConjuncts) {
      inferred.remove(PlanRewrites.canonical(conjunct));
    }
    LogicalPlan left = inferLeft ? withInferred(join.left(), leftKnows, inferred) : join.left();
    LogicalPlan right = inferRight ? withInferred(join.right(), rightKnows, inferred) : join.right();
    if (left == join.left() && right == join.right()) {
      return node;
    }
    return new Join(left, right, join.joinType(), join.condition(), join.broadcastLeft(), join.broadcastRight());
  }

  /** Single-column predicates implied by the known ones: restated across column equalities, and not-null checks. */
  private static Map<Expression, Expression> infer(Map<Expression, Expression> known, List<Expression> conditionConjuncts) {
    Map<Long, Set<AttributeReference>> classes = new HashMap<>();
    for (Expression predicate : known.values()) {
      if (Constraints.isColumnEquality(predicate)) {
        Comparison equality = (Comparison) predicate;
        merge(classes, (AttributeReference) equality.left(), (AttributeReference) equality.right());
      }
    }
    Map<Expression, Expression> inferred = new LinkedHashMap<>();
    List<Expression> sources = new ArrayList<>(known.values());
    // The known predicates' canonical forms are their keys already; the not-null checks' are made below.
    List<Expression> canonicalForms = new ArrayList<>(known.keySet());
    for (Expression conjunct : conditionConjuncts) {
      sources.addAll(Constraints.notNullsImpliedBy(conjunct));
    }
    for (int i = 0; i < sources.size(); i++) {
      Expression predicate = sources.get(i);
      AttributeReference column = soleAttribute(predicate);
      if (column == null || Constraints.isColumnEquality(predicate)) {
        continue;
      }
      inferred.putIfAbsent(i < canonicalForms.size() ? canonicalForms.get(i) : PlanRewrites.canonical(predicate), predicate);
      for (AttributeReference equal : classes.getOrDefault(column.id(), Set.of())) {
        if (equal.id() != column.id()) {
          Expression restated = PlanRewrites.replaceAttributes(predicate, Map.of(column.id(), equal));
          inferred.putIfAbsent(PlanRewrites.canonical(restated), restated);
        }
      }
    }
    for (Expression predicate : new ArrayList<>(inferred.values())) {
      for (Expression notNull : Constraints.notNullsImpliedBy(predicate)) {
        inferred.putIfAbsent(PlanRewrites.canonical(notNull), notNull);
      }
    }
    return inferred;
  }

  /**
   * The one attribute the predicate reads, or null when it reads none or several (distinct
   * attributes, as a set of its references counts them): a walk, without building that set.
   */
  private static AttributeReference soleAttribute(Expression predicate) {
    AttributeReference[] found = new AttributeReference[1];
    return findSoleAttribute(predicate, found) ? found[0] : null;
  }

  /** False as soon as a second distinct attribute turns up; {@code found[0]} holds the first. */
  private static boolean findSoleAttribute(Expression expression, AttributeReference[] found) {
    if (expression instanceof AttributeReference attribute) {
      if (found[0] == null) {
        found[0] = attribute;
      } else if (!found[0].equals(attribute)) {
        return false;
      }
    }
    for (Expression child : expression.children()) {
      if (!findSoleAttribute(child, found)) {
        return false;
      }
    }
    return true;
  }

  private static void merge(Map<Long, Set<AttributeReference>> classes, AttributeReference first, AttributeReference second) {
    Set<AttributeReference> merged = new HashSet<>();
    merged.addAll(classes.getOrDefault(first.id(), Set.of(first)));
    merged.addAll(classes.getOrDefault(second.id(), Set.of(second)));
    merged.add(first);
    merged.add(second);
    for (AttributeReference member : merged) {
      classes.put(member.id(), merged);
    }
  }

  /** The side under a filter of the inferred predicates over its columns that it does not know yet. */
  private static LogicalPlan withInferred(
      LogicalPlan side, Map<Expression, Expression> sideKnows, Map<Expression, Expression> inferred) {
    Map<Long, AttributeReference> columns = new HashMap<>();
    for (AttributeReference attribute : side.output()) {
      columns.put(attribute.id(), attribute);
    }
    List<Expression> added = new ArrayList<>();
    for (Map.Entry<Expression, Expression> entry : inferred.entrySet()) {
      Expression predicate = entry.getValue();
      if (!PlanRewrites.readsOnly(predicate, columns.keySet()) || sideKnows.containsKey(entry.getKey())) {
        continue;
      }
      if (predicate instanceof IsNotNull notNull && notNull.child() instanceof AttributeReference attribute
          && !columns.get(attribute.id()).nullable()) {
        continue;
      }
      // Read the side's own attributes (an outer join above may have made them nullable).
      added.add(PlanRewrites.replaceAttributes(predicate, columns));
    }
    return added.isEmpty() ? side : new Filter(Expressions.and(added), side);
  }
}
