package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.parser.QueryNode.SubqueryKind;
import dev.ember.catalyst.parser.QueryNode.SubqueryPredicate;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a WHERE conjunct {@code [NOT] EXISTS (query)} or {@code value [NOT] IN (query)} into a
 * left semi (anti) join, as Spark's {@code RewritePredicateSubquery} does; a correlated subquery's
 * conditions on the outer query join the condition ({@link CorrelatedSubquery}).
 *
 * <pre>
 *   Filter o.k IN (SELECT i.v FROM i WHERE i.k = o.k2 AND i.x > 0)
 *     o
 * becomes
 *   Join LEFT_SEMI, o.k = __in_value AND i.k = o.k2
 *     o
 *     Project i.*, i.v AS __in_value
 *       Filter i.x > 0
 *         i
 * </pre>
 *
 * {@code NOT IN} keeps SQL's null semantics: the anti join drops a row when its value equals a
 * subquery value or the comparison is unknown ({@code a = b OR isnull(a = b)}), so a null value
 * or a null in the subquery's (correlated) rows removes the row, and an empty subquery keeps it.
 */
final class RewritePredicateSubquery {
  private static final String IN_VALUE = "__in_value";

  private RewritePredicateSubquery() {}

  /** {@code outer} joined with the subquery of {@code predicate}: a semi join, or an anti join when {@code negated}. */
  static LogicalPlan apply(LogicalPlan outer, SubqueryPredicate predicate, boolean negated, SubqueryScope scope) {
    Analyzer analyzer = scope.analyzer();
    JoinType type = negated ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI;
    CorrelatedSubquery correlated = CorrelatedSubquery.of(predicate.query(), outer, scope);
    if (predicate.kind() == SubqueryKind.EXISTS) {
      if (correlated == null) {
        return analyzer.join(outer, scope.plan(predicate.query()), new LiteralValue(true), type);
      }
      requireNotAggregate(correlated, "EXISTS");
      return analyzer.join(outer, correlated.filtered(), UnresolvedExpressions.and(correlated.correlatedConditions()),
          type);
    }
    if (predicate.kind() != SubqueryKind.IN) {
      throw new IllegalArgumentException("not a predicate subquery: " + predicate.kind());
    }
    LogicalPlan values;
    List<UnresolvedExpression> conditions = new ArrayList<>();
    if (correlated == null) {
      LogicalPlan subquery = scope.plan(predicate.query());
      requireOneColumn(predicate, subquery.output().size());
      // A name of its own, so the outer value's columns never clash with the subquery's.
      values = analyzer.project(subquery, List.of(new Named(new BoundColumn(subquery.output().get(0)), IN_VALUE)));
    } else {
      requireNotAggregate(correlated, "IN");
      requireOneColumn(predicate, correlated.select().items().size());
      List<UnresolvedExpression> columns = new ArrayList<>();
      for (AttributeReference column : correlated.filtered().output()) {
        columns.add(new BoundColumn(column));
      }
      columns.add(new Named(correlated.select().items().get(0), IN_VALUE));
      values = analyzer.project(correlated.filtered(), columns);
    }
    // The value reads the outer query only (bound now: the subquery may have columns of the same names).
    UnresolvedExpression value = CorrelatedSubquery.bindTo(predicate.value(), outer.output());
    UnresolvedExpression equal = new FunctionCall("=", List.of(value, new BoundColumn(values.output().get(
        values.output().size() - 1))));
    conditions.add(negated ? new FunctionCall("or", List.of(equal, new FunctionCall("isnull", List.of(equal)))) : equal);
    if (correlated != null) {
      conditions.addAll(correlated.correlatedConditions());
    }
    return analyzer.join(outer, values, UnresolvedExpressions.and(conditions), type);
  }

  private static void requireOneColumn(SubqueryPredicate predicate, int columns) {
    if (columns != 1) {
      throw new AnalysisFailure("[INVALID_SUBQUERY_EXPRESSION] The IN subquery of \"" + predicate.value()
          + "\" must return one column, but it returns " + columns + ".");
    }
  }

  private static void requireNotAggregate(CorrelatedSubquery correlated, String kind) {
    if (QueryAnalyzer.isAggregate(correlated.select())) {
      throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A correlated " + kind + " subquery with"
          + " GROUP BY, HAVING or aggregate functions is not supported; write it as a join with an aggregated"
          + " subquery in FROM.");
    }
  }
}
