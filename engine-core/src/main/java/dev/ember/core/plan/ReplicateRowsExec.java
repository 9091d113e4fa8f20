package dev.ember.core.plan;

import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Each input row {@code n} times, where {@code n} is the row's first column (a BIGINT) and the
 * output is the remaining columns: Spark's {@code Generate(ReplicateRows)}, what {@code INTERSECT
 * ALL} and {@code EXCEPT ALL} end with after counting each distinct row's occurrences. A count
 * that is null, zero or negative yields no rows. Narrow: every partition replicates its own rows.
 */
public record ReplicateRowsExec(PhysicalPlan child) implements PhysicalPlan {
  public ReplicateRowsExec {
    Objects.requireNonNull(child, "child is null");
    Schema input = child.schema();
    if (input.size() < 2 || input.type(0).kind() != TypeKind.LONG) {
      throw new IllegalArgumentException("ReplicateRows needs a BIGINT count column followed by the columns to"
          + " replicate, got " + input);
    }
  }

  @Override
  public Schema schema() {
    Schema input = child.schema();
    return input.select(IntStream.range(1, input.size()).toArray());
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new ReplicateRowsExec(children.get(0));
  }
}
