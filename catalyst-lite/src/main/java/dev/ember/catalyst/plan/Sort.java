package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.SortOrder;
import java.util.List;
import java.util.Objects;

/** A global sort of all rows by {@code orders}. */
public record Sort(List<SortOrder> orders, LogicalPlan child) implements LogicalPlan {
  public Sort {
    orders = List.copyOf(Objects.requireNonNull(orders, "orders is null"));
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Sort(orders, children.get(0));
  }
}
