package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.operator.Operator;
import dev.ember.core.task.OperatorFactory;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionPruningTest {
  private static final Schema SCHEMA = Schema.of(Field.of("x", ColumnType.LONG));

  private static final TaskContext CONTEXT = new TaskContext() {
    @Override
    public int stageId() {
      return 0;
    }

    @Override
    public int partition() {
      return 0;
    }

    @Override
    public int attempt() {
      return 0;
    }

    @Override
    public long taskId() {
      return 0;
    }

    @Override
    public Operator shuffleRead(int shuffleId, int reducePartition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Batch> broadcast(int broadcastId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TaskMetrics metrics() {
      return new TaskMetrics();
    }
  };

  private static long nextValue;

  private static PhysicalPlan randomPlan(Random random, int depth) {
    int choice = depth == 0 ? 0 : random.nextInt(5);
    return switch (choice) {
      case 1 -> new UnionExec(List.of(randomPlan(random, depth - 1), randomPlan(random, depth - 1)), SCHEMA);
      case 2 -> {
        PhysicalPlan child = randomPlan(random, depth - 1);
        yield new CoalesceExec(child, 1 + random.nextInt(PlanPartitions.count(child) + 1));
      }
      case 3 -> new ProjectExec(randomPlan(random, depth - 1),
          List.<Expression>of(new BoundReference(0, ColumnType.LONG, false)), SCHEMA);
      case 4 -> new LimitExec(randomPlan(random, depth - 1), random.nextInt(5));
      default -> {
        List<Batch> partitions = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int p = 0; p < count; p++) {
          List<List<Object>> rows = new ArrayList<>();
          for (int i = random.nextInt(4); i > 0; i--) {
            rows.add(List.of(nextValue++));
          }
          partitions.add(Batch.fromRows(SCHEMA, rows));
        }
        yield new InMemoryScanExec(SCHEMA, partitions);
      }
    };
  }

  private static List<List<Object>> run(PhysicalPlan plan, int partition) {
    List<List<Object>> rows = new ArrayList<>();
    try (Operator operator = OperatorFactory.create(plan, partition, CONTEXT)) {
      for (Batch batch = operator.next(); batch != null; batch = operator.next()) {
        rows.addAll(batch.rows());
      }
    }
    return rows;
  }

  private static long shippedRows(PhysicalPlan plan) {
    long rows = plan instanceof InMemoryScanExec scan
        ? scan.partitions().stream().mapToLong(Batch::rowCount).sum()
        : 0;
    for (PhysicalPlan child : plan.children()) {
      rows += shippedRows(child);
    }
    return rows;
  }

  @Test
  void aPrunedPlanComputesTheSamePartitionAndShipsOnlyItsRows() {
    Random random = new Random(17);
    for (int round = 0; round < 300; round++) {
      PhysicalPlan plan = randomPlan(random, 3);
      int partitions = PlanPartitions.count(plan);
      long total = shippedRows(plan);
      long shippedOverAllTasks = 0;
      for (int partition = 0; partition < partitions; partition++) {
        PhysicalPlan pruned = PartitionPruning.forPartition(plan, partition);
        assertThat(PlanPartitions.count(pruned)).isEqualTo(partitions);
        assertThat(run(pruned, partition)).as("partition " + partition + " of " + plan).isEqualTo(run(plan, partition));
        shippedOverAllTasks += shippedRows(pruned);
      }
      // Every scan appears once, so without a limit a task ships exactly the rows it outputs.
      if (!hasLimit(plan)) {
        assertThat(shippedOverAllTasks).isEqualTo(total);
      }
    }
  }

  private static boolean hasLimit(PhysicalPlan plan) {
    return plan instanceof LimitExec || plan.children().stream().anyMatch(PartitionPruningTest::hasLimit);
  }

  @Test
  void aCoalescedTaskShipsOnlyTheScanPartitionsItReads() {
    List<Batch> partitions = new ArrayList<>();
    for (long p = 0; p < 4; p++) {
      partitions.add(Batch.fromRows(SCHEMA, List.of(List.of(p), List.of(p + 10))));
    }
    InMemoryScanExec scan = new InMemoryScanExec(SCHEMA, partitions);
    CoalesceExec pruned = (CoalesceExec) PartitionPruning.forPartition(new CoalesceExec(scan, 2), 1);
    List<Batch> shipped = ((InMemoryScanExec) pruned.child()).partitions();
    assertThat(shipped).extracting(Batch::rowCount).containsExactly(0, 0, 2, 2);
    assertThat(run(pruned, 1)).containsExactly(List.of(2L), List.of(12L), List.of(3L), List.of(13L));
    assertThat(PartitionPruning.forPartition(scan, 0)).isNotSameAs(scan);
    InMemoryScanExec single = new InMemoryScanExec(SCHEMA, partitions.subList(0, 1));
    assertThat(PartitionPruning.forPartition(single, 0)).isSameAs(single);
  }

  @Test
  void aPlanWithNothingToPruneStaysOneInstanceForEveryTask() {
    Random random = new Random(23);
    for (int round = 0; round < 200; round++) {
      PhysicalPlan plan = randomPlan(random, 3);
      for (int partition = 0; partition < PlanPartitions.count(plan); partition++) {
        PhysicalPlan pruned = PartitionPruning.forPartition(plan, partition);
        if (shippedRows(pruned) == shippedRows(plan)) {
          // Nothing dropped: the very same nodes (a stage's tasks then share its encoded plan bytes).
          assertThat(pruned).as("partition " + partition + " of " + plan).isSameAs(plan);
        } else {
          assertThat(pruned).isNotSameAs(plan);
        }
      }
    }
  }
}
