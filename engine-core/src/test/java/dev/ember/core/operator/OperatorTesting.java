package dev.ember.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/** Helpers shared by the operator tests: random rows, batching, draining and multiset comparison. */
public final class OperatorTesting {
  private OperatorTesting() {}

  public static Schema schema(ColumnType... types) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      fields.add(Field.of("c" + i, types[i]));
    }
    return new Schema(fields);
  }

  /** Splits rows into batches of random sizes up to {@code maxRows}, with zero-row batches sprinkled in. */
  public static List<Batch> toBatches(Schema schema, List<List<Object>> rows, Random random, int maxRows) {
    List<Batch> batches = new ArrayList<>();
    int position = 0;
    while (position < rows.size()) {
      if (random.nextInt(5) == 0) {
        batches.add(Batch.empty(schema));
      }
      int size = 1 + random.nextInt(maxRows);
      int end = Math.min(rows.size(), position + size);
      batches.add(Batch.fromRows(schema, rows.subList(position, end)));
      position = end;
    }
    if (random.nextBoolean()) {
      batches.add(Batch.empty(schema));
    }
    return batches;
  }

  /** Splits rows into {@code partitions} contiguous parts (some possibly empty). */
  public static List<List<List<Object>>> split(List<List<Object>> rows, int partitions, Random random) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = 0; i < partitions - 1; i++) {
      cuts.add(random.nextInt(rows.size() + 1));
    }
    cuts.sort(null);
    List<List<List<Object>>> parts = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      parts.add(rows.subList(from, cut));
      from = cut;
    }
    parts.add(rows.subList(from, rows.size()));
    return parts;
  }

  /** Pulls every batch, checks each has at most {@link Batch#DEFAULT_ROWS} rows, closes the operator. */
  public static List<Batch> drain(Operator operator) {
    List<Batch> batches = new ArrayList<>();
    try (operator) {
      Batch batch;
      while ((batch = operator.next()) != null) {
        assertThat(batch.rowCount()).isLessThanOrEqualTo(Batch.DEFAULT_ROWS);
        batches.add(batch);
      }
      assertThat(operator.next()).as("next() after the end").isNull();
    }
    return batches;
  }

  public static List<List<Object>> rows(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : batches) {
      rows.addAll(batch.rows());
    }
    return rows;
  }

  public static List<List<Object>> drainRows(Operator operator) {
    return rows(drain(operator));
  }

  public static Map<List<Object>, Integer> multiset(List<List<Object>> rows) {
    Map<List<Object>, Integer> counts = new HashMap<>();
    for (List<Object> row : rows) {
      counts.merge(row, 1, Integer::sum);
    }
    return counts;
  }

  /** A random value of the type from a small domain (so keys repeat), null with probability {@code nullRate}. */
  public static Object randomValue(ColumnType type, Random random, int domain, double nullRate) {
    if (random.nextDouble() < nullRate) {
      return null;
    }
    return switch (type.kind()) {
      case BOOLEAN -> random.nextBoolean();
      case INT, DATE -> random.nextInt(domain) - domain / 2;
      case LONG, TIMESTAMP -> (long) (random.nextInt(domain) - domain / 2);
      case DOUBLE -> randomDouble(random, domain);
      case STRING -> "s" + random.nextInt(domain);
      case DECIMAL -> throw new UnsupportedOperationException("DECIMAL");
    };
  }

  /** Quarters (exact in binary, so sums do not depend on order), with NaN, -0.0 and 0.0 now and then. */
  public static double randomDouble(Random random, int domain) {
    int pick = random.nextInt(20);
    if (pick == 0) {
      return Double.NaN;
    }
    if (pick == 1) {
      return -0.0;
    }
    if (pick == 2) {
      return 0.0;
    }
    return (random.nextInt(domain) - domain / 2) / 4.0;
  }

  public static List<List<Object>> randomRows(
      int count, Random random, Function<Random, List<Object>> rowMaker) {
    List<List<Object>> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(rowMaker.apply(random));
    }
    return rows;
  }

  /** Spark's grouping/join equality as a Java value: -0.0 becomes 0.0 (NaN already equals NaN in Double.equals). */
  public static Object normalize(Object value) {
    if (value instanceof Double d && d == 0.0) {
      return 0.0;
    }
    return value;
  }

  public static List<Object> normalize(List<Object> values) {
    List<Object> normalized = new ArrayList<>(values.size());
    for (Object value : values) {
      normalized.add(normalize(value));
    }
    return normalized;
  }
}
