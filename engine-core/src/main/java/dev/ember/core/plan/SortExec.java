package dev.ember.core.plan;

import dev.ember.core.expression.SortOrder;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** Sorts each partition by {@code orders}; a global sort is a range exchange below this. */
public record SortExec(PhysicalPlan child, List<SortOrder> orders) implements PhysicalPlan {
  public SortExec {
    Objects.requireNonNull(child, "child is null");
    orders = List.copyOf(Objects.requireNonNull(orders, "orders is null"));
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
    return new SortExec(children.get(0), orders);
  }
}
