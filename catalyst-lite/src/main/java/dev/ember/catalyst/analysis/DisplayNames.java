package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;

/**
 * The default column name of an unnamed expression: its Spark display text
 * ({@link UnresolvedExpression#toString()}), with column qualifiers dropped as Spark does
 * ({@code col("t.a") + 1} is named {@code (a + 1)}).
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
      case LiteralValue literal -> literal;
      case FunctionCall call -> new FunctionCall(call.name(), call.arguments().stream().map(DisplayNames::withoutQualifiers).toList());
      case CaseWhenCall caseWhen -> new CaseWhenCall(
          caseWhen.conditions().stream().map(DisplayNames::withoutQualifiers).toList(),
          caseWhen.values().stream().map(DisplayNames::withoutQualifiers).toList(),
          caseWhen.otherwise() == null ? null : withoutQualifiers(caseWhen.otherwise()));
      case CastTo cast -> new CastTo(withoutQualifiers(cast.child()), cast.type());
      case Named named -> named;
      case SortKey key -> new SortKey(withoutQualifiers(key.child()), key.ascending(), key.nullsFirst());
    };
  }

  private static String unqualified(String name) {
    int dot = name.indexOf('.');
    return dot > 0 && !name.startsWith("`") && !NameResolution.isStar(name) ? name.substring(dot + 1) : name;
  }
}
