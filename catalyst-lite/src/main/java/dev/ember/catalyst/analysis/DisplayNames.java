package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.UserFunctionApplication;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
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

  private static UnresolvedExpression withoutQualifiers(UnresolvedExpression expression) {
    return switch (expression) {
      case ColumnName column -> new ColumnName(unqualified(column.name()));
      case BoundColumn bound -> bound;
      case LiteralValue literal -> switch (literal.value()) {
        case LocalDate date -> new ColumnName("DATE '" + date + "'");
        case java.sql.Date date -> new ColumnName("DATE '" + date.toLocalDate() + "'");
        case Instant instant -> new ColumnName("TIMESTAMP '" + timestamp(instant) + "'");
        case java.sql.Timestamp timestamp -> new ColumnName("TIMESTAMP '" + timestamp(timestamp.toInstant()) + "'");
        case null, default -> literal;
      };
      // count(*) counts rows: Spark names it count(1).
      case FunctionCall call when call.name().equals("count")
          && call.arguments().stream().anyMatch(argument -> argument instanceof ColumnName(String name) && name.equals("*")) ->
          new FunctionCall("count_star", List.of());
      case FunctionCall call -> new FunctionCall(call.name(), call.arguments().stream().map(DisplayNames::withoutQualifiers).toList());
      case CaseWhenCall caseWhen -> new CaseWhenCall(
          caseWhen.conditions().stream().map(DisplayNames::withoutQualifiers).toList(),
          caseWhen.values().stream().map(DisplayNames::withoutQualifiers).toList(),
          caseWhen.otherwise() == null ? null : withoutQualifiers(caseWhen.otherwise()));
      case UserFunctionApplication application -> new UserFunctionApplication(application.function(),
          application.arguments().stream().map(DisplayNames::withoutQualifiers).toList());
      case CastTo cast -> new CastTo(withoutQualifiers(cast.child()), cast.type());
      case Named named -> named;
      case SortKey key -> new SortKey(withoutQualifiers(key.child()), key.ascending(), key.nullsFirst());
    };
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
