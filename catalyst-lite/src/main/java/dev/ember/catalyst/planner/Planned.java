package dev.ember.catalyst.planner;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.PhysicalPlan;
import java.util.List;

/** A planned subtree: the physical plan, the logical attribute of each of its columns in order, and its distribution. */
record Planned(PhysicalPlan plan, List<AttributeReference> output, Distribution distribution) {
  Planned {
    output = List.copyOf(output);
    if (plan.schema().size() != output.size()) {
      throw new IllegalStateException("the physical plan has " + plan.schema().size() + " columns but the logical "
          + "output " + output + " has " + output.size());
    }
  }
}
