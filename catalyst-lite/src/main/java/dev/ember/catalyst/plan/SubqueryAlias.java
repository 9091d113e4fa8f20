package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.List;
import java.util.Objects;

/** Names a relation ({@code df.alias("t")}) so that {@code t.x} resolves; the output attributes carry the alias as qualifier. */
public record SubqueryAlias(String alias, LogicalPlan child) implements LogicalPlan {
  public SubqueryAlias {
    Objects.requireNonNull(alias, "alias is null");
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public List<AttributeReference> output() {
    return child.output().stream().map(attribute -> attribute.withQualifier(alias)).toList();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new SubqueryAlias(alias, children.get(0));
  }
}
