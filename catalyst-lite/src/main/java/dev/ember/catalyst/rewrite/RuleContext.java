package dev.ember.catalyst.rewrite;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rule applications of one optimization share: facts about plan nodes that rules ask for
 * again and again, remembered by node identity. Plans are immutable, and each fact is a function
 * of its node, so a remembered answer is the answer a rule would compute; a rule that rewrites a
 * node makes new nodes, which are new keys. Constraint inference asks for
 * the constraints of both sides of every join, in every pass: without the memo, each join's
 * constraints are collected again from its whole subtree at every join above it.
 *
 * <p>Owned by the thread that runs one optimization (the optimizer makes one per
 * {@code optimize} call and drops it at the end); not thread-safe.
 */
public final class RuleContext {
  /** Per node, its constraints (see {@link Constraints#of}). */
  private final Map<LogicalPlan, Map<Expression, Expression>> constraints = new IdentityHashMap<>();
  /** Per node, the known predicates over its output that constraints are made of. */
  private final Map<LogicalPlan, List<Expression>> collected = new IdentityHashMap<>();

  /** The constraints of the plan, canonical form to predicate (read-only). */
  public Map<Expression, Expression> constraints(LogicalPlan plan) {
    Map<Expression, Expression> known = constraints.get(plan);
    if (known == null) {
      known = Collections.unmodifiableMap(Constraints.of(plan, this));
      constraints.put(plan, known);
    }
    return known;
  }

  /** The remembered predicates of {@code plan} for {@link Constraints}, or null. */
  List<Expression> collected(LogicalPlan plan) {
    return collected.get(plan);
  }

  void rememberCollected(LogicalPlan plan, List<Expression> predicates) {
    collected.put(plan, predicates);
  }
}
