package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.DateField;
import dev.ember.core.expression.DatePart;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.Round;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.Substring;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.task.RemoteTaskException;
import dev.ember.core.result.ResultAction;
import dev.ember.core.task.ResultTask;
import dev.ember.core.task.ShuffleMapTask;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.task.TaskInputs;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KryoRegistryTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("b", ColumnType.BOOLEAN), Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG),
      Field.of("d", ColumnType.DOUBLE), Field.of("s", ColumnType.STRING), Field.of("day", ColumnType.DATE),
      Field.of("ts", ColumnType.TIMESTAMP));

  private final EmberSerializer serializer = EmberSerializer.shared();

  @Test
  void everyPermittedSubclassOfTheTravellingSealedTypesIsRegistered() {
    Kryo kryo = KryoRegistry.newKryo();
    Set<Class<?>> classes = new LinkedHashSet<>();
    for (Class<?> root : List.of(PhysicalPlan.class, Expression.class, Partitioning.class, ResultAction.class,
        PartitionResult.class, Task.class, TaskOutput.class, TaskResult.class, ColumnVector.class)) {
      collectPermitted(root, classes);
    }
    classes.addAll(List.of(TypeKind.class, ColumnType.class, Field.class, Schema.class, SortOrder.class,
        AggregateFunction.class, AggregateKind.class, ArithmeticOperator.class, ComparisonOperator.class,
        DateField.class, dev.ember.core.expression.StringMatchOperator.class, AggregateMode.class, JoinType.class,
        CsvOptions.class, FileSplit.class, dev.ember.core.source.ParseMode.class, MapStatus.class,
        ShuffleDependency.class, Batch.class, TaskMetrics.class, TaskFailure.class, TaskFailure.StackFrame.class,
        TaskFailure.FetchFailure.class, TaskInfo.class, TaskInputs.class, List.of().getClass(), List.of(1).getClass(),
        List.of(1, 2, 3).getClass(), Map.of(1, 1).getClass(), Map.of(1, 1, 2, 2).getClass(), long[].class));
    assertThat(classes).hasSizeGreaterThan(60);
    for (Class<?> type : classes) {
      if (!type.isInterface() && !java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
        assertThat(kryo.getClassResolver().getRegistration(type)).as("registration of " + type.getName()).isNotNull();
      }
    }
  }

  private static void collectPermitted(Class<?> type, Set<Class<?>> into) {
    into.add(type);
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        collectPermitted(permitted, into);
      }
    }
  }

  @Test
  void registrationIdsAreTheSameInEveryKryoInstance() {
    Kryo first = KryoRegistry.newKryo();
    Kryo second = KryoRegistry.newKryo();
    for (Class<?> type : KryoRegistry.walkedClasses()) {
      assertThat(second.getRegistration(type).getId()).isEqualTo(first.getRegistration(type).getId());
    }
  }

  @Test
  void aRichPlanRoundTrips() {
    PhysicalPlan plan = richPlan();
    PhysicalPlan copy = roundTrip(plan, PhysicalPlan.class);
    assertThat(copy).usingRecursiveComparison()
        .withEqualsForType((left, right) -> left.rows().equals(right.rows()), Batch.class)
        .isEqualTo(plan);
    assertThat(copy).isNotSameAs(plan);
  }

  @Test
  void vectorsOfEveryTypeRoundTripWithNullsAndOnlyTheirSizeTravels() {
    Random random = new Random(7);
    for (int rows : new int[] {0, 1, 5, 17, 3000}) {
      List<List<Object>> data = new ArrayList<>();
      for (int row = 0; row < rows; row++) {
        boolean nulls = random.nextInt(4) == 0;
        data.add(Arrays.asList(
            nulls ? null : random.nextBoolean(), nulls ? null : random.nextInt(), random.nextLong(),
            random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian(),
            nulls ? null : (random.nextBoolean() ? "héllo ☃ " + row : ""), random.nextInt(30000),
            nulls ? null : random.nextLong()));
      }
      Batch batch = Batch.fromRows(SCHEMA, data);
      Batch copy = roundTrip(batch, Batch.class);
      assertThat(copy.rowCount()).isEqualTo(rows);
      assertThat(copy.rows()).isEqualTo(data);
      for (int column = 0; column < SCHEMA.size(); column++) {
        assertThat(copy.type(column)).isEqualTo(SCHEMA.type(column));
      }
    }
    // A vector whose arrays are longer than its size ships its size only.
    IntVector wide = new IntVector(ColumnType.INT, new int[100_000], null, 2);
    assertThat(serializer.serialize(Batch.of(wide)).length).isLessThan(100);
  }

  @Test
  void immutableListsAndMapsRoundTrip() {
    for (List<Integer> list : List.of(List.<Integer>of(), List.of(1), List.of(1, 2), List.of(1, 2, 3, 4))) {
      assertThat(roundTrip(list, List.class)).isEqualTo(list);
    }
    TaskInputs inputs = new TaskInputs(
        Map.of(3, new BroadcastHandle(2, 3, 1, 40)),
        Map.of(1, List.of(new MapStatus("local", 1, 0, new long[] {1, 2}, new long[] {3, 4}))));
    TaskInputs copy = roundTrip(inputs, TaskInputs.class);
    assertThat(copy.broadcasts().get(3)).isEqualTo(new BroadcastHandle(2, 3, 1, 40));
    assertThat(copy.shuffles().get(1).get(0).blockRecords()).containsExactly(3, 4);
    // A broadcast's value travels on its own (driver to executor process) as an immutable list of batches.
    List<Batch> value = List.of(Batch.fromRows(SCHEMA.select(1), List.of(List.of(5))));
    @SuppressWarnings("unchecked")
    List<Batch> valueCopy = roundTrip(value, List.class);
    assertThat(valueCopy.get(0).rows()).isEqualTo(List.of(List.of(5)));
  }

  @Test
  void tasksAndResultsRoundTrip() {
    TaskInfo info = new TaskInfo(7, 1, 2, 0, 3, 1);
    Schema schema = SCHEMA.select(1, 4);
    Partitioning.Range range = new Partitioning.Range(
        List.of(SortOrder.descending(new BoundReference(0, ColumnType.INT, true))), 3);
    Batch bounds = Batch.fromRows(schema.select(0), List.of(List.of(9), List.of(4)));
    ShuffleMapTask task = new ShuffleMapTask(info, new ShuffleReadExec(0, schema, 4),
        new ShuffleDependency(5, 4, range, schema, bounds), TaskInputs.NONE, null);
    ShuffleMapTask copy = (ShuffleMapTask) roundTrip(task, Task.class);
    assertThat(copy.info()).isEqualTo(info);
    assertThat(copy.dependency().partitioning()).isEqualTo(range);
    assertThat(copy.dependency().rangeBounds().rows()).isEqualTo(bounds.rows());
    assertThat(copy.injectedFailure()).isNull();

    ResultTask write = new ResultTask(info, new RangeScanExec(0, 10, 1, 2),
        new ResultAction.WriteCsv("/tmp/x", CsvOptions.defaults()), TaskInputs.NONE, "boom");
    assertThat(roundTrip(write, Task.class)).isEqualTo(write);

    TaskMetrics metrics = new TaskMetrics();
    metrics.addOutput(3, 40);
    metrics.addShuffleRead(5, 60);
    metrics.setRunTimeNanos(99);
    TaskResult.Succeeded result = new TaskResult.Succeeded(info, "local",
        new TaskOutput.ResultOutput(new PartitionResult.WrittenFiles(List.of("a", "b"), 3)), metrics);
    TaskResult.Succeeded resultCopy = (TaskResult.Succeeded) roundTrip(result, TaskResult.class);
    assertThat(resultCopy.output()).isEqualTo(result.output());
    assertThat(resultCopy.metrics().toString()).isEqualTo(metrics.toString());
  }

  @Test
  void tasksWithBroadcastsAndShufflesRoundTripComponentByComponent() {
    TaskInputs inputs = new TaskInputs(
        Map.of(3, new BroadcastHandle(2, 3, 1, 40), 8, new BroadcastHandle(2, 8, 0, 0)),
        Map.of(1, List.of(new MapStatus("local", 1, 0, new long[] {1, 2}, new long[] {3, 4}),
                new MapStatus("exec-2", 1, 5, new long[] {0, 7}, new long[] {0, 9}, "10.0.0.2", 7077)),
            4, List.of()));
    ResultTask collect = new ResultTask(new TaskInfo(Long.MAX_VALUE, 3, 4, 1, 9, 2), new RangeScanExec(0, 10, 1, 2),
        new ResultAction.Collect(), inputs, "fail here");
    ResultTask copy = (ResultTask) roundTrip(collect, Task.class);
    assertThat(copy.info()).isEqualTo(collect.info());
    assertThat(copy.plan()).isEqualTo(collect.plan());
    assertThat(copy.action()).isEqualTo(collect.action());
    assertThat(copy.injectedFailure()).isEqualTo("fail here");
    assertThat(copy.inputs().broadcasts()).isEqualTo(inputs.broadcasts());
    assertThat(copy.inputs().shuffles().keySet()).containsExactlyInAnyOrder(1, 4);
    assertThat(copy.inputs().shuffles().get(4)).isEmpty();
    List<MapStatus> statuses = copy.inputs().shuffles().get(1);
    assertThat(statuses).extracting(MapStatus::executorId, MapStatus::mapId, MapStatus::blockHost, MapStatus::blockPort)
        .containsExactly(tuple("local", 0, "", MapStatus.NO_BLOCK_PORT), tuple("exec-2", 5, "10.0.0.2", 7077));
    assertThat(statuses.get(1).blockSizes()).containsExactly(0, 7);
    assertThat(statuses.get(1).blockRecords()).containsExactly(0, 9);

    ShuffleMapTask map = new ShuffleMapTask(new TaskInfo(1, 1, 1, 0, 0, 0), new RangeScanExec(0, 10, 1, 2),
        new ShuffleDependency(6, 2, new Partitioning.RoundRobin(3), SCHEMA.select(0), null), TaskInputs.NONE, null);
    ShuffleMapTask mapCopy = (ShuffleMapTask) roundTrip(map, Task.class);
    assertThat(mapCopy.dependency()).isEqualTo(map.dependency());
    assertThat(mapCopy.inputs()).as("no inputs read back as the shared empty value").isSameAs(TaskInputs.NONE);
    assertThat(mapCopy.injectedFailure()).isNull();
  }

  @Test
  void failuresSurviveSerializationWithClassMessageStackAndCause() {
    IllegalStateException original = new IllegalStateException("outer", new ArithmeticException("divide by zero"));
    TaskFailure failure = roundTrip(TaskFailure.of(original), TaskFailure.class);
    RemoteTaskException rebuilt = failure.toException();
    assertThat(rebuilt.originalClassName()).isEqualTo("java.lang.IllegalStateException");
    assertThat(rebuilt.getMessage()).isEqualTo("java.lang.IllegalStateException: outer");
    assertThat(rebuilt.getStackTrace()).hasSameSizeAs(original.getStackTrace());
    for (int i = 0; i < original.getStackTrace().length; i++) {
      StackTraceElement expected = original.getStackTrace()[i];
      StackTraceElement actual = rebuilt.getStackTrace()[i];
      assertThat(List.of(actual.getClassName(), actual.getMethodName(), String.valueOf(actual.getFileName()),
          actual.getLineNumber())).isEqualTo(List.of(expected.getClassName(), expected.getMethodName(),
          String.valueOf(expected.getFileName()), expected.getLineNumber()));
    }
    assertThat(rebuilt.getCause()).isInstanceOf(RemoteTaskException.class);
    assertThat(((RemoteTaskException) rebuilt.getCause()).originalClassName()).isEqualTo("java.lang.ArithmeticException");
    assertThat(failure.isFetchFailure()).isFalse();

    TaskFailure fetch = roundTrip(TaskFailure.of(new FetchFailedException(1, 2, 3, "gone", null)), TaskFailure.class);
    assertThat(fetch.fetchFailure()).isEqualTo(new TaskFailure.FetchFailure(1, 2, 3));
    assertThat(TaskFailure.of(new RuntimeException()).message()).isNull();
  }

  private record NotRegistered(int value) {}

  @Test
  void anUnregisteredClassFailsWithAClearError() {
    assertThatThrownBy(() -> serializer.serialize(new NotRegistered(1)))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(NotRegistered.class.getName())
        .hasMessageContaining("KryoRegistry");
    assertThatThrownBy(() -> serializer.serialize(List.of(new java.util.Date())))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.util.Date");
  }

  @Test
  void readingTheWrongTypeOrGarbageFailsClearly() {
    byte[] bytes = serializer.serialize(new TaskInfo(1, 1, 1, 1, 1, 1));
    assertThatThrownBy(() -> serializer.deserialize(bytes, Task.class))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("expected dev.ember.core.task.Task");
    assertThatThrownBy(() -> serializer.deserialize(new byte[] {(byte) 0x7f, 1, 2}, Task.class))
        .isInstanceOf(SerializationException.class);
  }

  private <T> T roundTrip(Object value, Class<T> type) {
    return serializer.deserialize(serializer.serialize(value), type);
  }

  private static PhysicalPlan richPlan() {
    Batch first = Batch.fromRows(SCHEMA, List.of(
        Arrays.asList(true, 1, 2L, 3.5, "a", 10, 1000L), Arrays.asList(null, null, null, null, null, null, null)));
    Batch second = Batch.empty(SCHEMA);
    InMemoryScanExec scan = new InMemoryScanExec(SCHEMA, List.of(first, second));
    BoundReference i = new BoundReference(1, ColumnType.INT, true);
    BoundReference l = new BoundReference(2, ColumnType.LONG, true);
    BoundReference s = new BoundReference(4, ColumnType.STRING, true);
    BoundReference day = new BoundReference(5, ColumnType.DATE, true);
    Expression condition = new And(
        new Comparison(ComparisonOperator.GREATER_THAN, i, Literal.of(0)),
        new Or(new Not(new IsNull(s)), new Like(s, "a%")));
    Expression caseWhen = new CaseWhen(List.of(new In(i, List.of(Literal.of(1), Literal.of(2)))),
        List.of(new Substring(s, 1, 2)), Literal.nullOf(ColumnType.STRING));
    List<Expression> projections = List.of(
        new Alias(new Arithmetic(ArithmeticOperator.ADD, l, new Cast(i, ColumnType.LONG)), "sum", 11),
        caseWhen, new DatePart(DateField.YEAR, day), new Round(new BoundReference(3, ColumnType.DOUBLE, true), 2),
        new Coalesce(List.of(s, Literal.of("x"))), new AttributeReference("q", ColumnType.LONG, false, 12, "t"));
    Schema projected = Schema.of(Field.of("sum", ColumnType.LONG), Field.of("c", ColumnType.STRING),
        Field.of("y", ColumnType.INT), Field.of("r", ColumnType.DOUBLE), Field.of("co", ColumnType.STRING),
        Field.of("q", ColumnType.LONG));
    PhysicalPlan project = new ProjectExec(new FilterExec(scan, condition), projections, projected);
    BoundReference key = new BoundReference(0, ColumnType.LONG, true);
    PhysicalPlan hashed = new ExchangeExec(project, new Partitioning.Hash(List.of(key), 4));
    Schema aggregated = Schema.of(Field.of("sum", ColumnType.LONG), Field.of("n", ColumnType.LONG));
    PhysicalPlan aggregate = new HashAggregateExec(hashed, AggregateMode.PARTIAL, List.of(key),
        List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of())), aggregated);
    PhysicalPlan join = new HashJoinExec(aggregate, new BroadcastReadExec(3, aggregated), JoinType.LEFT_OUTER,
        List.of(key), List.of(key), null, aggregated.concat(aggregated));
    PhysicalPlan csv = new CsvScanExec(aggregated.concat(aggregated),
        List.of(new FileSplit("/data/a.csv", 0, 10, 20)), CsvOptions.defaults());
    PhysicalPlan union = new UnionExec(List.of(join, csv), join.schema());
    PhysicalPlan sorted = new SortExec(new ExchangeExec(union,
        new Partitioning.Range(List.of(SortOrder.ascending(key), SortOrder.descending(key)), 3)),
        List.of(SortOrder.ascending(key)));
    PhysicalPlan nested = new NestedLoopJoinExec(new LimitExec(sorted, 5),
        new ExchangeExec(new ShuffleReadExec(9, join.schema(), 2), new Partitioning.Broadcast()),
        JoinType.CROSS, null, join.schema().concat(join.schema()));
    PhysicalPlan robin = new ExchangeExec(new CoalesceExec(nested, 1), new Partitioning.RoundRobin(2));
    return new ExchangeExec(new UnionExec(List.of(robin, robin), robin.schema()), new Partitioning.Single());
  }
}
