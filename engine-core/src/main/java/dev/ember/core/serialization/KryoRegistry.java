package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.task.TaskInfo;
import dev.ember.core.task.Task;
import dev.ember.core.task.TaskFailure;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.TaskOutput;
import dev.ember.core.task.TaskResult;
import dev.ember.core.types.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one list of classes that may travel between driver and executors, and how each is written.
 * Registration is required, so bytes from the wire can only instantiate these classes.
 *
 * <p>The roots below are walked: a sealed interface brings its permitted subclasses, a record its
 * component types (type arguments of lists and maps included), so a new plan node or expression is
 * registered as soon as it is added to its {@code permits} clause. Registration ids follow the walk
 * order, which depends only on the class files, so driver and executors agree on them.
 */
public final class KryoRegistry {
  /** First id for Ember's classes; Kryo's own defaults (primitives, String, ...) sit below it. */
  private static final int FIRST_ID = 100;

  static {
    // Kryo probes sun.misc.Unsafe when its Util class loads, which JDK 24+ reports with a
    // terminal-deprecation warning on stderr. Ember uses only the safe serializers, so switch the
    // probe off unless the embedding program decided otherwise.
    if (System.getProperty("kryo.unsafe") == null) {
      System.setProperty("kryo.unsafe", "false");
    }
  }

  private static final List<Class<?>> ROOTS = List.of(
      Schema.class,
      Expression.class,
      SortOrder.class,
      AggregateFunction.class,
      Partitioning.class,
      CsvOptions.class,
      FileSplit.class,
      PhysicalPlan.class,
      ResultAction.class,
      PartitionResult.class,
      MapStatus.class,
      ShuffleDependency.class,
      Task.class,
      TaskOutput.class,
      TaskFailure.class,
      TaskResult.class);

  private static final List<Class<?>> ORDERED = walk();

  private KryoRegistry() {}

  /** A new Kryo instance with every Ember class registered; each instance is used by one thread at a time. */
  public static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    int id = FIRST_ID;
    for (Class<?> type : List.of(
        boolean[].class, byte[].class, int[].class, long[].class, double[].class, String[].class, Object[].class)) {
      kryo.register(type, id++);
    }
    // List.of / List.copyOf / Map.copyOf classes, with serializers that rebuild immutable collections.
    ImmutableCollectionsSerializers.registerSerializers(kryo);
    kryo.register(ArrayList.class, id++);
    kryo.register(Collections.emptyList().getClass(), id++);
    // DECIMAL literals in plans (Kryo's own serializer: unscaled bytes and scale).
    kryo.register(java.math.BigDecimal.class, id++);
    VectorSerializers.register(kryo);
    kryo.register(TaskMetrics.class, id++);
    for (Class<?> type : ORDERED) {
      if (type == TaskInfo.class) {
        kryo.register(type, new TaskInfoSerializer(), id++);
      } else if (TaskSerializers.handles(type)) {
        TaskSerializers.register(kryo, type, id++);
      } else if (type.isRecord()) {
        kryo.register(type, recordSerializer(type), id++);
      } else {
        kryo.register(type, id++);
      }
    }
    return kryo;
  }

  /** Every class registered by the walk (records and enums), in registration order. */
  public static List<Class<?>> walkedClasses() {
    return ORDERED;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static CachedRecordSerializer recordSerializer(Class<?> type) {
    return new CachedRecordSerializer(type);
  }

  private static List<Class<?>> walk() {
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> root : ROOTS) {
      visit(root, seen);
    }
    List<Class<?>> concrete = new ArrayList<>();
    for (Class<?> type : seen) {
      if (type.isRecord() || type.isEnum()) {
        concrete.add(type);
      }
    }
    return List.copyOf(concrete);
  }

  private static void visit(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType parameterized) {
      visit(parameterized.getRawType(), seen);
      for (Type argument : parameterized.getActualTypeArguments()) {
        visit(argument, seen);
      }
      return;
    }
    if (!(type instanceof Class<?> raw)) {
      return;
    }
    if (raw.isArray()) {
      visit(raw.getComponentType(), seen);
      return;
    }
    if (!raw.getName().startsWith("dev.ember.") || !seen.add(raw)) {
      return;
    }
    if (raw.isSealed()) {
      for (Class<?> permitted : raw.getPermittedSubclasses()) {
        visit(permitted, seen);
      }
    }
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        visit(component.getGenericType(), seen);
      }
    }
  }
}
