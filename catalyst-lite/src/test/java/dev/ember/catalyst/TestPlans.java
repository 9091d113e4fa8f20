package dev.ember.catalyst;

import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small DSL for tests: relations from a DDL-like string, unresolved expressions, id normalization. */
public final class TestPlans {
  private TestPlans() {}

  /** A relation of empty batches: {@code relation(2, "a INT, b STRING")}. */
  public static LocalRelation relation(int partitions, String columns) {
    List<AttributeReference> output = new ArrayList<>();
    for (String column : columns.split(",")) {
      String[] parts = column.trim().split("\\s+");
      output.add(new AttributeReference(parts[0], type(parts[1]), true, ExpressionIds.next(), ""));
    }
    Schema schema = new Schema(output.stream().map(a -> Field.of(a.name(), a.type())).toList());
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      batches.add(Batch.empty(schema));
    }
    return new LocalRelation(output, batches);
  }

  public static LocalRelation relation(String columns) {
    return relation(1, columns);
  }

  public static ColumnType type(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "INT" -> ColumnType.INT;
      case "LONG", "BIGINT" -> ColumnType.LONG;
      case "DOUBLE" -> ColumnType.DOUBLE;
      case "STRING" -> ColumnType.STRING;
      case "BOOLEAN" -> ColumnType.BOOLEAN;
      case "DATE" -> ColumnType.DATE;
      case "TIMESTAMP" -> ColumnType.TIMESTAMP;
      default -> throw new IllegalArgumentException("unknown type " + name);
    };
  }

  public static UnresolvedExpression col(String name) {
    return new ColumnName(name);
  }

  public static UnresolvedExpression bound(AttributeReference attribute) {
    return new BoundColumn(attribute);
  }

  public static UnresolvedExpression lit(Object value) {
    return new LiteralValue(value);
  }

  public static UnresolvedExpression call(String name, UnresolvedExpression... arguments) {
    return new FunctionCall(name, Arrays.asList(arguments));
  }

  public static UnresolvedExpression plus(UnresolvedExpression left, Object right) {
    return call("+", left, value(right));
  }

  public static UnresolvedExpression minus(UnresolvedExpression left, Object right) {
    return call("-", left, value(right));
  }

  public static UnresolvedExpression eq(UnresolvedExpression left, Object right) {
    return call("=", left, value(right));
  }

  public static UnresolvedExpression gt(UnresolvedExpression left, Object right) {
    return call(">", left, value(right));
  }

  public static UnresolvedExpression and(UnresolvedExpression left, UnresolvedExpression right) {
    return call("and", left, right);
  }

  public static UnresolvedExpression sum(UnresolvedExpression child) {
    return call("sum", child);
  }

  public static UnresolvedExpression as(UnresolvedExpression child, String name) {
    return new Named(child, name);
  }

  public static UnresolvedExpression cast(UnresolvedExpression child, ColumnType type) {
    return new CastTo(child, type);
  }

  public static UnresolvedExpression desc(UnresolvedExpression child) {
    return new SortKey(child, false, false);
  }

  public static UnresolvedExpression when(UnresolvedExpression condition, Object value, Object otherwise) {
    return new CaseWhenCall(List.of(condition), List.of(value(value)), otherwise == null ? null : value(otherwise));
  }

  private static UnresolvedExpression value(Object value) {
    return value instanceof UnresolvedExpression expression ? expression : new LiteralValue(value);
  }

  /** Replaces attribute ids ({@code #123}) by their order of first appearance ({@code #1, #2, ...}). */
  public static String normalizeIds(String text) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("#(\\d+)").matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      int number = ids.computeIfAbsent(matcher.group(1), key -> ids.size() + 1);
      matcher.appendReplacement(result, "#" + number);
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
