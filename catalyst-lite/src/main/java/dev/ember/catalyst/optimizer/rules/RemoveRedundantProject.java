package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.List;

/**
 * Removes a projection that outputs exactly its child's columns: the same attributes (ids and
 * names) in the same order.
 *
 * <pre>
 *   Project [a, b]              Relation [a, b]
 *     Relation [a, b]    ==&gt;
 * </pre>
 *
 * Does not fire when the projection drops, reorders, renames or computes a column.
 */
public final class RemoveRedundantProject implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Project.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Project project)) {
      return node;
    }
    List<AttributeReference> childOutput = project.child().output();
    List<Expression> list = project.projectList();
    if (list.size() != childOutput.size()) {
      return node;
    }
    for (int i = 0; i < list.size(); i++) {
      AttributeReference child = childOutput.get(i);
      if (!(list.get(i) instanceof AttributeReference attribute) || attribute.id() != child.id()
          || !attribute.name().equals(child.name()) || (child.nullable() && !attribute.nullable())) {
        return node;
      }
    }
    return project.child();
  }
}
