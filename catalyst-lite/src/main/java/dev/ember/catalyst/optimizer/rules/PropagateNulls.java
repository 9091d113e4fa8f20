package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Abs;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.Concat;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.DatePart;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Length;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Lower;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.Round;
import dev.ember.core.expression.StringMatch;
import dev.ember.core.expression.Substring;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.expression.UserFunctionCall;
import java.util.ArrayList;
import java.util.List;

/**
 * NullPropagation: an expression that is null whenever an operand is null (arithmetic,
 * comparisons, NOT, casts and the string and date functions) becomes a null literal of its type
 * when an operand is the null literal; null tests of a non-nullable operand become constants; and
 * {@code coalesce} drops null literals and every argument after the first non-nullable one.
 *
 * <pre>
 *   Filter ((a + null) &gt; 1 OR b IS NOT NULL)          Filter (null OR true)
 *     Relation [a, b not null]                ==&gt;       Relation [a, b not null]
 *   Project [coalesce(null, a, b, c) AS x]              Project [coalesce(a, b) AS x]
 * </pre>
 *
 * Does not fire on AND, OR, CASE and a null in an IN list, which can be non-null with a null
 * operand ({@code null AND false} is false, {@code 1 IN (1, null)} is true), nor on a null test of
 * a nullable operand. A null IN value does make the IN null.
 */
public final class PropagateNulls implements OptimizerRule {
  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return PlanExpressions.transform(node, PropagateNulls::propagate);
  }

  static Expression propagate(Expression expression) {
    return switch (expression) {
      case IsNull isNull -> isNull.child().nullable() ? isNull : Literal.of(false);
      case IsNotNull isNotNull -> isNotNull.child().nullable() ? isNotNull : Literal.of(true);
      case Coalesce coalesce -> simplifyCoalesce(coalesce);
      case Arithmetic arithmetic -> nullIfAnyNullOperand(arithmetic);
      case Comparison comparison -> nullIfAnyNullOperand(comparison);
      case Not not -> nullIfAnyNullOperand(not);
      case Cast cast -> nullIfAnyNullOperand(cast);
      case StringMatch match -> nullIfAnyNullOperand(match);
      case Like like -> nullIfAnyNullOperand(like);
      case Upper upper -> nullIfAnyNullOperand(upper);
      case Lower lower -> nullIfAnyNullOperand(lower);
      case Length length -> nullIfAnyNullOperand(length);
      case Concat concat -> nullIfAnyNullOperand(concat);
      case Substring substring -> nullIfAnyNullOperand(substring);
      case Abs abs -> nullIfAnyNullOperand(abs);
      case Round round -> nullIfAnyNullOperand(round);
      case DatePart part -> nullIfAnyNullOperand(part);
      case ToDate toDate -> nullIfAnyNullOperand(toDate);
      case DateAdd dateAdd -> nullIfAnyNullOperand(dateAdd);
      // A Java UDF receives null arguments and may return a value for them.
      case UserFunctionCall call -> call;
      // Not null-intolerant: a null operand need not make them null.
      case And and -> and;
      case Or or -> or;
      // x IN (...) is null for a null x, whatever the list (an empty list cannot be written).
      case In in -> isNullLiteral(in.value()) ? Literal.nullOf(in.type()) : in;
      case CaseWhen caseWhen -> caseWhen;
      // Leaves and names.
      case AttributeReference attribute -> attribute;
      case BoundReference reference -> reference;
      case Literal literal -> literal;
      case Alias alias -> alias;
    };
  }

  private static Expression nullIfAnyNullOperand(Expression expression) {
    for (Expression child : expression.children()) {
      if (isNullLiteral(child)) {
        return Literal.nullOf(expression.type());
      }
    }
    return expression;
  }

  /** Drops null literals and everything after the first argument that is never null. */
  private static Expression simplifyCoalesce(Coalesce coalesce) {
    List<Expression> kept = new ArrayList<>();
    for (Expression child : coalesce.children()) {
      if (isNullLiteral(child)) {
        continue;
      }
      kept.add(child);
      if (!child.nullable()) {
        break;
      }
    }
    if (kept.isEmpty()) {
      return Literal.nullOf(coalesce.type());
    }
    if (kept.size() == 1) {
      return kept.get(0);
    }
    return kept.size() == coalesce.children().size() ? coalesce : new Coalesce(kept);
  }

  private static boolean isNullLiteral(Expression expression) {
    return expression instanceof Literal literal && literal.value() == null;
  }
}
