package dev.ember.core.operator.aggregate;

import static dev.ember.core.operator.OperatorTesting.normalize;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The independent computation the hash aggregate is checked against: plain maps and lists of rows. */
final class AggregateModel {
  private AggregateModel() {}

  /** Normalized grouping key -> expected output row (keys as first seen, then one value per aggregate). */
  static Map<List<Object>, List<Object>> compute(
      List<List<Object>> rows, List<Integer> groupingColumns, List<AggregateFunction> aggregates) {
    Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
    Map<List<Object>, List<Object>> firstKeys = new LinkedHashMap<>();
    if (groupingColumns.isEmpty()) {
      groups.put(List.of(), new ArrayList<>());
      firstKeys.put(List.of(), List.of());
    }
    for (List<Object> row : rows) {
      List<Object> key = new ArrayList<>();
      for (int column : groupingColumns) {
        key.add(row.get(column));
      }
      List<Object> normalizedKey = normalize(key);
      groups.computeIfAbsent(normalizedKey, k -> new ArrayList<>()).add(row);
      firstKeys.putIfAbsent(normalizedKey, key);
    }
    Map<List<Object>, List<Object>> result = new LinkedHashMap<>();
    for (Map.Entry<List<Object>, List<List<Object>>> group : groups.entrySet()) {
      List<Object> output = new ArrayList<>(firstKeys.get(group.getKey()));
      for (AggregateFunction aggregate : aggregates) {
        output.add(evaluate(aggregate, group.getValue()));
      }
      result.put(group.getKey(), output);
    }
    return result;
  }

  private static int ordinal(Expression expression) {
    return ((BoundReference) expression).ordinal();
  }

  static Object evaluate(AggregateFunction function, List<List<Object>> rows) {
    List<Expression> arguments = function.arguments();
    switch (function.kind()) {
      case COUNT_ROWS -> {
        return (long) rows.size();
      }
      case COUNT -> {
        long count = 0;
        for (List<Object> row : rows) {
          boolean anyNull = false;
          for (Expression argument : arguments) {
            anyNull |= row.get(ordinal(argument)) == null;
          }
          count += anyNull ? 0 : 1;
        }
        return count;
      }
      case COUNT_DISTINCT -> {
        Set<List<Object>> distinct = new HashSet<>();
        for (List<Object> row : rows) {
          List<Object> tuple = new ArrayList<>();
          for (Expression argument : arguments) {
            tuple.add(normalize(row.get(ordinal(argument))));
          }
          if (!tuple.contains(null)) {
            distinct.add(tuple);
          }
        }
        return (long) distinct.size();
      }
      case SUM -> {
        int column = ordinal(arguments.get(0));
        boolean floating = function.resultType().kind() == TypeKind.DOUBLE;
        long longSum = 0;
        double doubleSum = 0;
        boolean seen = false;
        for (List<Object> row : rows) {
          Object value = row.get(column);
          if (value != null) {
            seen = true;
            if (floating) {
              doubleSum += (Double) value;
            } else {
              longSum += ((Number) value).longValue();
            }
          }
        }
        return !seen ? null : floating ? (Object) doubleSum : (Object) longSum;
      }
      case AVG -> {
        int column = ordinal(arguments.get(0));
        double sum = 0;
        long count = 0;
        for (List<Object> row : rows) {
          Object value = row.get(column);
          if (value != null) {
            sum += ((Number) value).doubleValue();
            count++;
          }
        }
        return count == 0 ? null : sum / count;
      }
      case MIN, MAX -> {
        int column = ordinal(arguments.get(0));
        int sign = function.kind() == dev.ember.core.expression.AggregateKind.MAX ? -1 : 1;
        Object best = null;
        for (List<Object> row : rows) {
          Object value = row.get(column);
          if (value != null && (best == null || sign * compare(value, best) < 0)) {
            best = value;
          }
        }
        return best;
      }
      case FIRST -> {
        return rows.isEmpty() ? null : rows.get(0).get(ordinal(arguments.get(0)));
      }
    }
    throw new AssertionError("unreachable");
  }

  /** Spark's order of two non-null values: doubles with -0.0 == 0.0 and NaN above everything. */
  @SuppressWarnings("unchecked")
  static int compare(Object left, Object right) {
    if (left instanceof Double a && right instanceof Double b) {
      return a.doubleValue() == b.doubleValue() ? 0 : Double.compare(a, b);
    }
    return ((Comparable<Object>) left).compareTo(right);
  }
}
