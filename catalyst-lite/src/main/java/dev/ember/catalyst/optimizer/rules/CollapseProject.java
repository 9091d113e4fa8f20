package dev.ember.catalyst.optimizer.rules;

import java.util.Set;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a projection over a projection into one, substituting the inner aliases into the outer
 * expressions; each outer column keeps its name and id.
 *
 * <pre>
 *   Project [(x * 2) AS y, a]                 Project [((a + 1) * 2) AS y, a]
 *     Project [(a + 1) AS x, a]       ==&gt;       Relation [a]
 *       Relation [a]
 * </pre>
 *
 * As Spark 3.5 does, it does not fire when an inner expression is not deterministic, nor when the
 * outer projection reads an inner alias of a non-trivial expression (not an attribute or a
 * literal) more than once: collapsing would compute that expression several times per row.
 */
public final class CollapseProject implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Project.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Project outer) || !(outer.child() instanceof Project inner)) {
      return node;
    }
    Map<Long, Expression> definitions = new HashMap<>();
    for (Expression named : inner.projectList()) {
      if (!named.deterministic()) {
        return node;
      }
      if (named instanceof Alias alias) {
        definitions.put(alias.id(), alias.child());
      }
    }
    if (PlanRewrites.duplicatesWork(outer.projectList(), definitions)) {
      return node;
    }
    List<Expression> merged = new ArrayList<>(outer.projectList().size());
    for (Expression named : outer.projectList()) {
      if (named instanceof Alias alias) {
        merged.add(new Alias(substitute(alias.child(), definitions), alias.name(), alias.id()));
      } else {
        // A projection holds only aliases and attributes (its constructor checks).
        AttributeReference attribute = Project.toAttribute(named);
        Expression definition = definitions.get(attribute.id());
        merged.add(definition == null ? attribute : new Alias(definition, attribute.name(), attribute.id()));
      }
    }
    return new Project(merged, inner.child());
  }

  private static Expression substitute(Expression expression, Map<Long, Expression> definitions) {
    return Expressions.transformUp(expression, node -> node instanceof AttributeReference attribute
        && definitions.containsKey(attribute.id()) ? definitions.get(attribute.id()) : node);
  }
}
