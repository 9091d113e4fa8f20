package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import java.util.List;
import java.util.Objects;

/** How an exchange distributes rows to its output partitions. */
public sealed interface Partitioning {
  int partitionCount();

  /** Rows with equal keys go to one partition: {@code pmod(hash(keys), n)}; nulls hash like Spark's murmur3 seed. */
  record Hash(List<Expression> keys, int partitionCount) implements Partitioning {
    public Hash {
      keys = List.copyOf(Objects.requireNonNull(keys, "keys is null"));
      requirePositive(partitionCount);
    }
  }

  /**
   * Rows go to the partition whose key range holds them, ranges in sort order; bounds are sampled
   * from the input when the map stage starts.
   */
  record Range(List<SortOrder> orders, int partitionCount) implements Partitioning {
    public Range {
      orders = List.copyOf(Objects.requireNonNull(orders, "orders is null"));
      requirePositive(partitionCount);
    }
  }

  /** Rows are dealt to partitions in turn (repartition(n) without keys). */
  record RoundRobin(int partitionCount) implements Partitioning {
    public RoundRobin {
      requirePositive(partitionCount);
    }
  }

  /** All rows to one partition (global limit, final global aggregate). */
  record Single() implements Partitioning {
    @Override
    public int partitionCount() {
      return 1;
    }
  }

  /** Every consumer partition sees all rows: the child is collected once and shipped with each task. */
  record Broadcast() implements Partitioning {
    @Override
    public int partitionCount() {
      return 1;
    }
  }

  private static void requirePositive(int partitionCount) {
    if (partitionCount < 1) {
      throw new IllegalArgumentException("partition count must be positive: " + partitionCount);
    }
  }
}
