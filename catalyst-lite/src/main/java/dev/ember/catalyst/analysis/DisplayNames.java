package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.UserFunctionApplication;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The default column name of an unnamed expression: its Spark display text
 * ({@link UnresolvedExpression#toString()}), with column qualifiers dropped as Spark does
 * ({@code col("t.a") + 1} is named {@code (a + 1)}) and date and timestamp constants written as
 * Spark writes them ({@code DATE '2024-01-31'}).
 */
final class DisplayNames {
  private DisplayNames() {}

  static String of(UnresolvedExpression expression) {
    return withoutQualifiers(expression).toString();
  }

  /**
   * The expression with its column names unqualified. Runs for every unnamed expression of every
   * query, mostly interpreted in a young JVM: an instanceof chain and loops (a pattern switch links a
   * type switch and streams spin lambdas on each call until compiled).
   */
  private static UnresolvedExpression withoutQualifiers(UnresolvedExpression expression) {
    if (expression instanceof ColumnName column) {
      return new ColumnName(unqualified(column.name()));
    }
    if (expression instanceof FunctionCall call) {
      // count(*) counts rows: Spark names it count(1).
      if (call.name().equals("count") && hasStar(call.arguments())) {
        return new FunctionCall("count_star", List.of());
      }
      return new FunctionCall(call.name(), withoutQualifiers(call.arguments()));
    }
    if (expression instanceof LiteralValue literal) {
      Object value = literal.value();
      if (value instanceof LocalDate date) {
        return new ColumnName("DATE '" + date + "'");
      }
      if (value instanceof java.sql.Date date) {
        return new ColumnName("DATE '" + date.toLocalDate() + "'");
      }
      if (value instanceof Instant instant) {
        return new ColumnName("TIMESTAMP '" + timestamp(instant) + "'");
      }
      if (value instanceof java.sql.Timestamp timestamp) {
        return new ColumnName("TIMESTAMP '" + timestamp(timestamp.toInstant()) + "'");
      }
      return literal;
    }
    if (expression instanceof CaseWhenCall caseWhen) {
      return new CaseWhenCall(withoutQualifiers(caseWhen.conditions()), withoutQualifiers(caseWhen.values()),
          caseWhen.otherwise() == null ? null : withoutQualifiers(caseWhen.otherwise()));
    }
    if (expression instanceof UserFunctionApplication application) {
      return new UserFunctionApplication(application.function(), withoutQualifiers(application.arguments()));
    }
    if (expression instanceof CastTo cast) {
      return new CastTo(withoutQualifiers(cast.child()), cast.type());
    }
    if (expression instanceof SortKey key) {
      return new SortKey(withoutQualifiers(key.child()), key.ascending(), key.nullsFirst());
    }
    // BoundColumn and Named carry no qualifier to drop.
    return expression;
  }

  private static List<UnresolvedExpression> withoutQualifiers(List<UnresolvedExpression> expressions) {
    UnresolvedExpression[] unqualified = new UnresolvedExpression[expressions.size()];
    for (int i = 0; i < unqualified.length; i++) {
      unqualified[i] = withoutQualifiers(expressions.get(i));
    }
    return List.of(unqualified);
  }

  private static boolean hasStar(List<UnresolvedExpression> arguments) {
    for (UnresolvedExpression argument : arguments) {
      if (argument instanceof ColumnName column && column.name().equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** Spark's rendering in the UTC session time zone: {@code 2024-01-02 03:04:05}, with a fraction only when there is one. */
  private static String timestamp(Instant instant) {
    LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    String text = time.toLocalDate() + " " + String.format("%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond());
    if (time.getNano() == 0) {
      return text;
    }
    String fraction = String.format("%06d", time.getNano() / 1000).replaceAll("0+$", "");
    return fraction.isEmpty() ? text : text + "." + fraction;
  }

  private static String unqualified(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && !name.startsWith("`") && !NameResolution.isStar(name) ? name.substring(dot + 1) : name;
  }
}
