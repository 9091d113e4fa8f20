package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** All rows of all children, matched by position (UNION ALL); the output is the first child's attributes, nullable if any child's column is. */
public record Union(List<LogicalPlan> children) implements LogicalPlan {
  public Union {
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    if (children.size() < 2) {
      throw new IllegalArgumentException("a union needs at least two children");
    }
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> first = children.get(0).output();
    List<AttributeReference> output = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      boolean nullable = false;
      for (LogicalPlan child : children) {
        nullable |= child.output().get(i).nullable();
      }
      output.add(first.get(i).withNullable(nullable));
    }
    return output;
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Union(children);
  }
}
