package dev.ember.core.task;

import static dev.ember.core.operator.OperatorTesting.drainRows;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.metrics.OperatorMetric;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.operator.FakeTaskContext;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.serialization.KryoRegistry;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-operator metrics as the operator factory counts them: each slot's rows, batches, time, spill,
 * memory and build rows, checked against what the operator really returned (computed in plain Java
 * from the input rows), on random data with nulls, duplicates and empty batches.
 */
@ExtendWith(EngineHygiene.class)
class OperatorMetricsTest {
  private static final Schema KEY_VALUE = schema(ColumnType.LONG, ColumnType.LONG);
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, true);
  private static final BoundReference VALUE = new BoundReference(1, ColumnType.LONG, true);

  private static List<List<Object>> randomRows(Random random, int count, int domain) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(java.util.Arrays.asList(
          randomValue(ColumnType.LONG, random, domain, 0.1), randomValue(ColumnType.LONG, random, 1000, 0.1)));
    }
    return rows;
  }

  private static InMemoryScanExec scan(List<Batch> batches) {
    return new InMemoryScanExec(KEY_VALUE, List.of(concatenateAsOne(batches)));
  }

  /** One partition holding all batches' rows (in-memory scans hold one batch per partition). */
  private static Batch concatenateAsOne(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    batches.forEach(batch -> rows.addAll(batch.rows()));
    return Batch.fromRows(KEY_VALUE, rows);
  }

  @Test
  void filterProjectAndScanCountTheRowsEachReturned() {
    long seed = TestSeeds.seed(41);
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      List<List<Object>> rows = randomRows(random, round == 0 ? 0 : random.nextInt(20_000), 200);
      long threshold = random.nextInt(300) - 150;
      InMemoryScanExec scan = new InMemoryScanExec(KEY_VALUE, List.of(Batch.fromRows(KEY_VALUE, rows)));
      FilterExec filter = new FilterExec(scan, new Comparison(ComparisonOperator.GREATER_THAN, VALUE, Literal.of(threshold)));
      ProjectExec project = new ProjectExec(filter, List.of(KEY), schema(ColumnType.LONG));
      FakeTaskContext context = new FakeTaskContext();

      List<List<Object>> output = drainRows(OperatorFactory.create(project, 0, context));

      // Independently: the rows whose value is not null and above the threshold.
      long expected = rows.stream().filter(row -> row.get(1) != null && (Long) row.get(1) > threshold).count();
      TaskMetrics metrics = context.metrics();
      String why = TestSeeds.describe(seed) + ", round " + round;
      assertThat(output).as(why).hasSize((int) expected);
      assertThat(metrics.operatorCount()).as(why).isEqualTo(3);
      assertThat(metrics.operatorValue(0, OperatorMetric.OUTPUT_ROWS)).as(why + ": scan").isEqualTo(rows.size());
      assertThat(metrics.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).as(why + ": filter").isEqualTo(expected);
      assertThat(metrics.operatorValue(2, OperatorMetric.OUTPUT_ROWS)).as(why + ": project").isEqualTo(expected);
      for (int slot = 0; slot < 3; slot++) {
        assertThat(metrics.operatorValue(slot, OperatorMetric.OUTPUT_BATCHES)).as(why).isGreaterThanOrEqualTo(rows.isEmpty() ? 0 : 1);
        assertThat(metrics.operatorValue(slot, OperatorMetric.TIME_NANOS)).as(why).isNotNegative();
        assertThat(metrics.operatorValue(slot, OperatorMetric.SPILL_BYTES)).as(why).isZero();
      }
    }
  }

  @Test
  void eachOperatorsTimeExcludesItsChildrenAndTheSlotsSumToAtMostTheDrain() {
    Random random = new Random(TestSeeds.seed(7));
    List<List<Object>> rows = randomRows(random, 50_000, 1000);
    InMemoryScanExec scan = new InMemoryScanExec(KEY_VALUE, List.of(Batch.fromRows(KEY_VALUE, rows)));
    HashAggregateExec aggregate = new HashAggregateExec(scan, AggregateMode.COMPLETE, List.of(KEY),
        List.of(AggregateFunction.of(AggregateKind.SUM, List.of(VALUE))), KEY_VALUE);
    FakeTaskContext context = new FakeTaskContext();

    long started = System.nanoTime();
    List<List<Object>> output = drainRows(OperatorFactory.create(aggregate, 0, context));
    long elapsed = System.nanoTime() - started;

    TaskMetrics metrics = context.metrics();
    Set<Object> keys = new HashSet<>();
    rows.forEach(row -> keys.add(row.get(0)));
    assertThat(metrics.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).isEqualTo(keys.size()).isEqualTo(output.size());
    long scanTime = metrics.operatorValue(0, OperatorMetric.TIME_NANOS);
    long aggregateTime = metrics.operatorValue(1, OperatorMetric.TIME_NANOS);
    // Aggregating 50000 rows costs more than handing over one prepared batch; both fit in the drain.
    assertThat(aggregateTime).isPositive();
    assertThat(scanTime + aggregateTime).isLessThanOrEqualTo(elapsed);
  }

  @Test
  void aHashJoinCountsItsBuildRowsAndItsMatchesAsPlainJavaDoes() {
    long seed = TestSeeds.seed(99);
    Random random = new Random(seed);
    for (int round = 0; round < 10; round++) {
      List<List<Object>> left = randomRows(random, random.nextInt(3000), 50);
      List<List<Object>> right = randomRows(random, round == 0 ? 0 : random.nextInt(500), 50);
      HashJoinExec join = new HashJoinExec(scan(toBatches(KEY_VALUE, left, random, 100)),
          scan(toBatches(KEY_VALUE, right, random, 100)), JoinType.INNER, List.of(KEY), List.of(KEY), null,
          KEY_VALUE.concat(KEY_VALUE));
      FakeTaskContext context = new FakeTaskContext();

      drainRows(OperatorFactory.create(join, 0, context));

      long matches = 0;
      for (List<Object> l : left) {
        for (List<Object> r : right) {
          if (l.get(0) != null && Objects.equals(l.get(0), r.get(0))) {
            matches++;
          }
        }
      }
      TaskMetrics metrics = context.metrics();
      String why = TestSeeds.describe(seed) + ", round " + round;
      // Slots: left scan 0, right scan 1, join 2.
      assertThat(metrics.operatorValue(2, OperatorMetric.OUTPUT_ROWS)).as(why).isEqualTo(matches);
      assertThat(metrics.operatorValue(2, OperatorMetric.BUILD_ROWS)).as(why).isEqualTo(right.size());
      assertThat(metrics.operatorValue(0, OperatorMetric.BUILD_ROWS)).as(why).isZero();
      assertThat(metrics.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).as(why).isEqualTo(right.size());
    }
  }

  @Test
  void theSameSubtreeTwiceInAUnionHasASlotPerOccurrence() {
    List<List<Object>> rows = randomRows(new Random(TestSeeds.seed(3)), 100, 10);
    InMemoryScanExec scan = new InMemoryScanExec(KEY_VALUE, List.of(Batch.fromRows(KEY_VALUE, rows)));
    FilterExec filter = new FilterExec(scan, new Comparison(ComparisonOperator.GREATER_THAN, VALUE, Literal.of(0L)));
    UnionExec union = new UnionExec(List.of(filter, filter), KEY_VALUE);
    long passing = rows.stream().filter(row -> row.get(1) != null && (Long) row.get(1) > 0).count();

    FakeTaskContext second = new FakeTaskContext();
    drainRows(OperatorFactory.create(union, 1, second));

    // Slots: scan 0, filter 1 (first child); scan 2, filter 3 (second child); union 4.
    TaskMetrics metrics = second.metrics();
    assertThat(metrics.operatorCount()).isEqualTo(5);
    assertThat(metrics.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).isZero();
    assertThat(metrics.operatorValue(2, OperatorMetric.OUTPUT_ROWS)).isEqualTo(rows.size());
    assertThat(metrics.operatorValue(3, OperatorMetric.OUTPUT_ROWS)).isEqualTo(passing);
    assertThat(metrics.operatorValue(4, OperatorMetric.OUTPUT_ROWS)).isEqualTo(passing);
  }

  @Test
  void aSpillingAggregateGetsTheTasksSpillBytesAndItsPeakMemory(@TempDir Path directory) {
    Random random = new Random(TestSeeds.seed(5));
    List<List<Object>> rows = new ArrayList<>();
    for (long i = 0; i < 200_000; i++) {
      rows.add(List.of(i, (long) random.nextInt(100)));
    }
    InMemoryScanExec scan = new InMemoryScanExec(KEY_VALUE, List.of(Batch.fromRows(KEY_VALUE, rows)));
    HashAggregateExec aggregate = new HashAggregateExec(scan, AggregateMode.COMPLETE, List.of(KEY),
        List.of(AggregateFunction.of(AggregateKind.SUM, List.of(VALUE))), KEY_VALUE);
    MemoryFixture memory = new MemoryFixture(directory, 2L << 20);
    memory.memory.recordOperatorMemoryIn(memory.metrics);
    TaskContext context = new MemoryTaskContext(new FakeTaskContext(), memory);

    List<List<Object>> output = drainRows(OperatorFactory.create(aggregate, 0, context));

    TaskMetrics metrics = memory.metrics;
    assertThat(output).hasSize(rows.size());
    assertThat(metrics.spillBytes()).as("the aggregate must spill under 2 MiB").isPositive();
    assertThat(metrics.operatorValue(1, OperatorMetric.SPILL_BYTES)).isEqualTo(metrics.spillBytes());
    assertThat(metrics.operatorValue(0, OperatorMetric.SPILL_BYTES)).isZero();
    assertThat(metrics.operatorValue(1, OperatorMetric.PEAK_MEMORY)).isPositive().isLessThanOrEqualTo(memory.memory.peak());
    assertThat(metrics.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).isEqualTo(rows.size());
    memory.assertClean();
  }

  @Test
  void stageTotalsSumTasksAndKeepTheLargestPeakAndOperatorValuesCrossTheWire() {
    TaskMetrics first = new TaskMetrics();
    first.setOperatorValue(0, OperatorMetric.OUTPUT_ROWS, 10);
    first.setOperatorValue(1, OperatorMetric.PEAK_MEMORY, 500);
    TaskMetrics second = new TaskMetrics();
    second.setOperatorValue(1, OperatorMetric.OUTPUT_ROWS, 7);
    second.setOperatorValue(1, OperatorMetric.PEAK_MEMORY, 300);
    TaskMetrics stage = new TaskMetrics();
    stage.add(first);
    stage.add(second);

    assertThat(stage.operatorCount()).isEqualTo(2);
    assertThat(stage.operatorValue(0, OperatorMetric.OUTPUT_ROWS)).isEqualTo(10);
    assertThat(stage.operatorValue(1, OperatorMetric.OUTPUT_ROWS)).isEqualTo(7);
    assertThat(stage.operatorValue(1, OperatorMetric.PEAK_MEMORY)).isEqualTo(500);

    Kryo kryo = KryoRegistry.newKryo();
    Output output = new Output(1024, -1);
    kryo.writeObject(output, stage);
    TaskMetrics read = kryo.readObject(new Input(output.toBytes()), TaskMetrics.class);
    for (int slot = 0; slot < 2; slot++) {
      for (OperatorMetric metric : OperatorMetric.ALL) {
        assertThat(read.operatorValue(slot, metric)).isEqualTo(stage.operatorValue(slot, metric));
      }
    }
  }

  /** The fake context with a real, small task memory and its metrics. */
  private record MemoryTaskContext(FakeTaskContext delegate, MemoryFixture fixture) implements TaskContext {
    @Override
    public int stageId() {
      return delegate.stageId();
    }

    @Override
    public int partition() {
      return delegate.partition();
    }

    @Override
    public int attempt() {
      return delegate.attempt();
    }

    @Override
    public long taskId() {
      return delegate.taskId();
    }

    @Override
    public Operator shuffleRead(int shuffleId, int reducePartition) {
      return delegate.shuffleRead(shuffleId, reducePartition);
    }

    @Override
    public List<Batch> broadcast(int broadcastId) {
      return delegate.broadcast(broadcastId);
    }

    @Override
    public TaskMetrics metrics() {
      return fixture.metrics;
    }

    @Override
    public TaskMemory memory() {
      return fixture.memory;
    }
  }
}
