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
import java.util.Set;

/** Which function names are aggregates, and whether an unresolved expression calls one. */
final class AggregateCalls {
  static final Set<String> NAMES = Set.of("count", "count_star", "count_distinct", "sum", "avg", "min", "max", "first",
      "single_value");

  private AggregateCalls() {}

  static boolean contains(UnresolvedExpression expression) {
    return switch (expression) {
      case ColumnName column -> false;
      case BoundColumn bound -> false;
      case LiteralValue literal -> false;
      case FunctionCall call -> NAMES.contains(call.name()) || call.arguments().stream().anyMatch(AggregateCalls::contains);
      case CaseWhenCall caseWhen -> caseWhen.conditions().stream().anyMatch(AggregateCalls::contains)
          || caseWhen.values().stream().anyMatch(AggregateCalls::contains)
          || (caseWhen.otherwise() != null && contains(caseWhen.otherwise()));
      case UserFunctionApplication application -> application.arguments().stream().anyMatch(AggregateCalls::contains);
      case CastTo cast -> contains(cast.child());
      case Named named -> contains(named.child());
      case SortKey key -> contains(key.child());
    };
  }
}
