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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Tree walks over unresolved expressions shared by the SQL analysis steps. */
final class UnresolvedExpressions {
  private UnresolvedExpressions() {}

  /**
   * {@code expression} with each node that {@code replacement} maps to a non-null value replaced
   * by it (the replacement is not descended into); other nodes are rebuilt over replaced children.
   */
  static UnresolvedExpression transform(UnresolvedExpression expression,
      Function<UnresolvedExpression, UnresolvedExpression> replacement) {
    UnresolvedExpression replaced = replacement.apply(expression);
    if (replaced != null) {
      return replaced;
    }
    return switch (expression) {
      case FunctionCall call ->
          new FunctionCall(call.name(), call.arguments().stream().map(a -> transform(a, replacement)).toList());
      case CaseWhenCall caseWhen -> new CaseWhenCall(
          caseWhen.conditions().stream().map(c -> transform(c, replacement)).toList(),
          caseWhen.values().stream().map(v -> transform(v, replacement)).toList(),
          caseWhen.otherwise() == null ? null : transform(caseWhen.otherwise(), replacement));
      case UserFunctionApplication application -> new UserFunctionApplication(application.function(),
          application.arguments().stream().map(a -> transform(a, replacement)).toList());
      case CastTo cast -> new CastTo(transform(cast.child(), replacement), cast.type());
      case Named named -> new Named(transform(named.child(), replacement), named.name());
      case SortKey key -> new SortKey(transform(key.child(), replacement), key.ascending(), key.nullsFirst());
      case ColumnName name -> name;
      case BoundColumn bound -> bound;
      case LiteralValue literal -> literal;
    };
  }

  /** The column names {@code expression} reads, in order of appearance. */
  static List<ColumnName> columnNames(UnresolvedExpression expression) {
    List<ColumnName> names = new ArrayList<>();
    transform(expression, node -> {
      if (node instanceof ColumnName name) {
        names.add(name);
        return name;
      }
      return null;
    });
    return names;
  }

  /** The conjuncts of an AND tree. */
  static List<UnresolvedExpression> conjuncts(UnresolvedExpression condition) {
    if (condition instanceof FunctionCall call && call.name().equals("and") && call.arguments().size() == 2) {
      List<UnresolvedExpression> result = new ArrayList<>(conjuncts(call.arguments().get(0)));
      result.addAll(conjuncts(call.arguments().get(1)));
      return result;
    }
    return List.of(condition);
  }

  /** The AND of {@code conjuncts} (at least one). */
  static UnresolvedExpression and(List<UnresolvedExpression> conjuncts) {
    UnresolvedExpression result = conjuncts.get(0);
    for (int i = 1; i < conjuncts.size(); i++) {
      result = new FunctionCall("and", List.of(result, conjuncts.get(i)));
    }
    return result;
  }

  /** The index of the subquery placeholder {@code name} stands for, or -1. */
  static int placeholderIndex(ColumnName name) {
    return name.name().matches("__subquery_[0-9]+")
        ? Integer.parseInt(name.name().substring("__subquery_".length()))
        : -1;
  }
}
