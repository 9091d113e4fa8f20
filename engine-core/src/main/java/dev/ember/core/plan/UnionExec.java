package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** All rows of all children (UNION ALL); its partitions are the children's partitions, in order. */
public record UnionExec(List<PhysicalPlan> children, Schema schema) implements PhysicalPlan {
  public UnionExec {
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    Objects.requireNonNull(schema, "schema is null");
    if (children.isEmpty()) {
      throw new IllegalArgumentException("a union needs at least one child");
    }
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> newChildren) {
    return new UnionExec(newChildren, schema);
  }
}
