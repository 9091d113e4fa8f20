package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.List;
import java.util.Objects;

/** {@code session.range(start, end)}: one LONG column {@code id}. */
public record RangeRelation(long start, long end, long step, int partitionCount, AttributeReference id) implements LogicalPlan {
  public RangeRelation {
    Objects.requireNonNull(id, "id is null");
    if (step == 0) {
      throw new IllegalArgumentException("range step must not be 0");
    }
  }

  @Override
  public List<AttributeReference> output() {
    return List.of(id);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return this;
  }
}
