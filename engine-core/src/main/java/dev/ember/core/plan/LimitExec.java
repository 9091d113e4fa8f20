package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** The first {@code limit} rows of each partition; a global limit is a local limit, a single-partition exchange, and a limit again. */
public record LimitExec(PhysicalPlan child, int limit) implements PhysicalPlan {
  public LimitExec {
    Objects.requireNonNull(child, "child is null");
    if (limit < 0) {
      throw new IllegalArgumentException("limit is negative: " + limit);
    }
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new LimitExec(children.get(0), limit);
  }
}
