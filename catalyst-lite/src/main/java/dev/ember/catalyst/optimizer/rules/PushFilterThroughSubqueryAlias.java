package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a filter below a subquery alias, its columns written with the child's qualifiers (the
 * same attribute ids):
 *
 * <pre>
 *   Filter t.a &gt; 3              SubqueryAlias t
 *     SubqueryAlias t    =&gt;       Filter a &gt; 3
 *       Scan [a, b]                  Scan [a, b]
 * </pre>
 */
public final class PushFilterThroughSubqueryAlias implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, SubqueryAlias.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof SubqueryAlias alias)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    if (conjuncts.movable().isEmpty()) {
      return filter;
    }
    Map<Long, Expression> unqualified = new HashMap<>();
    for (AttributeReference attribute : alias.child().output()) {
      unqualified.put(attribute.id(), attribute);
    }
    List<Expression> rewritten = conjuncts.movable().stream()
        .map(conjunct -> PlanRewrites.replaceAttributes(conjunct, unqualified)).toList();
    return FilterConjuncts.withRemaining(
        new SubqueryAlias(alias.alias(), FilterConjuncts.below(rewritten, alias.child())), conjuncts.fixed());
  }
}
