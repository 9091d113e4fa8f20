package dev.ember.core.task;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.multiset;
import static dev.ember.core.operator.OperatorTesting.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.BroadcastTableCache;
import dev.ember.core.operator.FakeTaskContext;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash join over a broadcast, planned by {@link OperatorFactory} in tasks that share an
 * executor's {@link BroadcastTableCache}: the tasks of one job build one table between them, probe
 * it at the same time with the results of a per-task build, and the table's storage memory is
 * given back when the job ends.
 */
class SharedBroadcastJoinTest {
  private static final int TASKS = 8;
  private static final int BROADCAST_ID = 3;
  private static final Schema PROBE = Schema.of(Field.of("k", ColumnType.INT), Field.of("v", ColumnType.LONG));
  private static final Schema BUILD = Schema.of(Field.of("k", ColumnType.INT), Field.of("name", ColumnType.STRING));

  @TempDir
  Path directory;

  /** Probe partitions: keys 0..199 (some null), 3000 rows each; the build side has keys 0..99, some twice. */
  private static List<Batch> probePartitions() {
    List<Batch> partitions = new ArrayList<>();
    for (int partition = 0; partition < TASKS; partition++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int row = 0; row < 3000; row++) {
        Integer key = row % 97 == 0 ? null : (row * 31 + partition * 7) % 200;
        rows.add(Arrays.asList(key, (long) row));
      }
      partitions.add(Batch.fromRows(PROBE, rows));
    }
    return partitions;
  }

  private static List<Batch> broadcast() {
    List<List<Object>> first = new ArrayList<>();
    List<List<Object>> second = new ArrayList<>();
    for (int key = 0; key < 100; key++) {
      first.add(Arrays.asList(key, "n" + key));
      if (key % 3 == 0) {
        second.add(Arrays.asList(key, "again" + key));
      }
    }
    second.add(Arrays.asList(null, "null key"));
    return List.of(Batch.fromRows(BUILD, first), Batch.fromRows(BUILD, second));
  }

  private static PhysicalPlan plan(List<Batch> probe) {
    List<Expression> leftKeys = List.of(new BoundReference(0, ColumnType.INT, true));
    List<Expression> rightKeys = List.of(new BoundReference(0, ColumnType.INT, true));
    Schema output = Schema.of(Field.of("k", ColumnType.INT), Field.of("v", ColumnType.LONG),
        Field.of("bk", ColumnType.INT), Field.of("name", ColumnType.STRING));
    return new HashJoinExec(new InMemoryScanExec(PROBE, probe), new BroadcastReadExec(BROADCAST_ID, BUILD),
        JoinType.INNER, leftKeys, rightKeys, null, output);
  }

  private record TaskRun(Map<List<Object>, Integer> rows, boolean shared) {}

  /** Runs the join's partitions as concurrent tasks (all start together), each with its own context. */
  private static List<TaskRun> runTasks(PhysicalPlan plan, int jobId, BroadcastTableCache tables) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(TASKS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<TaskRun>> futures = new ArrayList<>();
      for (int partition = 0; partition < TASKS; partition++) {
        int task = partition;
        futures.add(pool.submit(() -> {
          TaskContext context = new FakeTaskContext().withBroadcast(BROADCAST_ID, broadcast()).inJob(jobId, tables);
          start.await();
          try (Operator operator = OperatorFactory.create(plan, task, context)) {
            List<Batch> output = drain(operator);
            return new TaskRun(multiset(rows(output)), ((HashJoinOperator) ((MeteredOperator) operator).input()).probesSharedTable());
          }
        }));
      }
      start.countDown();
      List<TaskRun> runs = new ArrayList<>();
      for (Future<TaskRun> future : futures) {
        runs.add(future.get());
      }
      return runs;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTasksOfAJobBuildOneTableAndGetThePerTaskResults() throws Exception {
    PhysicalPlan plan = plan(probePartitions());
    List<TaskRun> perTask = runTasks(plan, 1, null);
    assertThat(perTask).noneMatch(TaskRun::shared);
    UnifiedMemoryManager memory = new UnifiedMemoryManager(64L << 20, 0.5, directory);
    BroadcastTableCache tables = new BroadcastTableCache(memory);

    List<TaskRun> shared = runTasks(plan, 1, tables);

    assertThat(tables.buildCount()).isEqualTo(1);
    assertThat(shared).allMatch(TaskRun::shared);
    for (int task = 0; task < TASKS; task++) {
      assertThat(shared.get(task).rows()).as("task %s", task).isEqualTo(perTask.get(task).rows()).isNotEmpty();
    }
    // The table is storage memory of the executor until its job ends.
    assertThat(memory.storageUsed()).isPositive();
    assertThat(memory.executionUsed()).isZero();
    // Another job builds its own.
    runTasks(plan, 2, tables);
    assertThat(tables.buildCount()).isEqualTo(2);
    assertThat(tables.size()).isEqualTo(2);
    long twoJobs = memory.storageUsed();
    tables.releaseJob(1);
    assertThat(tables.size()).isEqualTo(1);
    assertThat(memory.storageUsed()).isEqualTo(twoJobs / 2);
    tables.releaseJob(2);
    assertThat(tables.size()).isZero();
    assertThat(memory.storageUsed()).isZero();
  }

  @Test
  void withoutStorageMemoryForTheTableEveryTaskBuildsItsOwn() throws Exception {
    PhysicalPlan plan = plan(probePartitions());
    List<TaskRun> perTask = runTasks(plan, 1, null);
    UnifiedMemoryManager tiny = new UnifiedMemoryManager(1024, 0.5, directory);
    BroadcastTableCache tables = new BroadcastTableCache(tiny);

    List<TaskRun> runs = runTasks(plan, 1, tables);

    assertThat(runs).noneMatch(TaskRun::shared);
    assertThat(runs.stream().map(TaskRun::rows).toList()).isEqualTo(perTask.stream().map(TaskRun::rows).toList());
    assertThat(tables.buildCount()).isEqualTo(1);
    assertThat(tiny.storageUsed()).isZero();
    tables.releaseJob(1);
    assertThat(tables.size()).isZero();
  }

  /**
   * A task starts every shared table of its plan when it starts (one that another task is building
   * it leaves to that task), not at its join's first probe batch: two tasks starting together then
   * build two tables side by side. Stacked joins over two broadcasts: both tables exist once the
   * first task's operators are made, before it reads a row, and the answer is the per-task one.
   */
  @Test
  void aTaskStartsEveryTableOfItsPlanBeforeItReadsARow() throws Exception {
    int otherBroadcast = BROADCAST_ID + 1;
    Schema lowerOutput = Schema.of(Field.of("k", ColumnType.INT), Field.of("v", ColumnType.LONG),
        Field.of("bk", ColumnType.INT), Field.of("name", ColumnType.STRING));
    Schema upperOutput = lowerOutput.concat(BUILD);
    PhysicalPlan upper = new HashJoinExec(plan(probePartitions()), new BroadcastReadExec(otherBroadcast, BUILD), JoinType.INNER,
        List.of(new BoundReference(2, ColumnType.INT, true)), List.of(new BoundReference(0, ColumnType.INT, true)), null,
        upperOutput);
    UnifiedMemoryManager memory = new UnifiedMemoryManager(64L << 20, 0.5, directory);
    BroadcastTableCache tables = new BroadcastTableCache(memory);
    TaskContext context = new FakeTaskContext().withBroadcast(BROADCAST_ID, broadcast()).withBroadcast(otherBroadcast, broadcast())
        .inJob(1, tables);
    TaskContext alone = new FakeTaskContext().withBroadcast(BROADCAST_ID, broadcast()).withBroadcast(otherBroadcast, broadcast());
    try (Operator operator = OperatorFactory.create(upper, 2, context); Operator perTask = OperatorFactory.create(upper, 2, alone)) {
      assertThat(tables.buildCount()).as("both tables, before any row is read").isEqualTo(2);
      assertThat(multiset(rows(drain(operator)))).isEqualTo(multiset(rows(drain(perTask)))).isNotEmpty();
    }
    assertThat(tables.buildCount()).isEqualTo(2);
    tables.releaseJob(1);
  }
}
