package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves a filter above a union into every child of the union, the union's columns replaced by the
 * child's columns at the same position:
 *
 * <pre>
 *   Filter b &gt; 3                   Union
 *     Union              =&gt;          Filter b &gt; 3
 *       Scan l [a, b]                  Scan l [a, b]
 *       Scan r [x, y]                Filter y &gt; 3
 *                                      Scan r [x, y]
 * </pre>
 */
public final class PushFilterThroughUnion implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Union.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Union union)) {
      return node;
    }
    FilterConjuncts conjuncts = FilterConjuncts.of(filter);
    if (conjuncts.movable().isEmpty()) {
      return filter;
    }
    List<LogicalPlan> children = new ArrayList<>();
    List<AttributeReference> output = union.output();
    for (LogicalPlan unionChild : union.children()) {
      Map<Long, Expression> mapping = PlanRewrites.byPosition(output, unionChild.output());
      List<Expression> remapped = conjuncts.movable().stream()
          .map(conjunct -> PlanRewrites.replaceAttributes(conjunct, mapping)).toList();
      children.add(new Filter(Expressions.and(remapped), unionChild));
    }
    return FilterConjuncts.withRemaining(new Union(children), conjuncts.fixed());
  }
}
