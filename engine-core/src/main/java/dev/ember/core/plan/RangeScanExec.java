package dev.ember.core.plan;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.List;

/** The LONG column {@code id} = start, start + step, ... below end (above it for a negative step), split evenly over the partitions. */
public record RangeScanExec(long start, long end, long step, int partitionCount) implements PhysicalPlan {
  public RangeScanExec {
    if (step == 0) {
      throw new IllegalArgumentException("range step must not be 0");
    }
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be positive: " + partitionCount);
    }
  }

  public static final Schema SCHEMA = Schema.of(new Field("id", ColumnType.LONG, false));

  @Override
  public Schema schema() {
    return SCHEMA;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return this;
  }
}
