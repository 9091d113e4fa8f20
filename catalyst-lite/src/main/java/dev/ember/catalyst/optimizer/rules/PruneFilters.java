package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;

/**
 * Removes filters whose condition is a constant: an always-true filter disappears; an
 * always-false or null one (null is not true) becomes an empty relation with the same output
 * (no rows, one empty partition), so nothing below it runs.
 *
 * <pre>
 *   Filter true          Relation [a]         Filter false        LocalRelation [a], rows=0
 *     Relation [a]  ==&gt;                        Relation [a]  ==&gt;
 * </pre>
 *
 * Does not fire on a condition that reads a column.
 */
public final class PruneFilters implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.condition() instanceof Literal literal)) {
      return node;
    }
    if (Boolean.TRUE.equals(literal.value())) {
      return filter.child();
    }
    return emptyRelation(filter.output());
  }

  static LocalRelation emptyRelation(List<AttributeReference> output) {
    Schema schema = new Schema(output.stream().map(a -> new Field(a.name(), a.type(), a.nullable())).toList());
    return new LocalRelation(output, List.of(Batch.empty(schema)));
  }
}
