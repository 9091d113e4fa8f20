package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
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
 * Rewrites a scalar subquery into a left outer join that adds its value to each outer row as the
 * column {@code __subquery_i} (the placeholder the expression holds), as Spark's
 * {@code RewriteCorrelatedScalarSubquery} does. A correlated subquery must be an aggregate without
 * GROUP BY (as in Spark); its equality conditions on the outer query become the aggregate's
 * grouping and the join keys:
 *
 * <pre>
 *   Filter o.q &lt; (SELECT 0.2 * avg(i.q) FROM i WHERE i.k = o.k)
 *     o
 * becomes
 *   Filter o.q &lt; __subquery_0
 *     Join LEFT_OUTER, o.k = __correlation_0
 *       o
 *       Aggregate [i.k AS __correlation_0], [0.2 * avg(i.q) AS __subquery_0]
 *         i
 * </pre>
 *
 * An outer row without matching subquery rows gets the aggregate's value over no rows: null, or
 * 0 for a count (Spark's "count bug"), told apart by a hidden {@code count(*)} of the group.
 * An uncorrelated subquery joins on {@code true} through an aggregate that fails the query at run
 * time when the subquery returns more than one row.
 */
final class RewriteScalarSubquery {

  private RewriteScalarSubquery() {}

  /** {@code outer} with one more column, {@code __subquery_index}: the value of the scalar subquery {@code subquery}. */
  static LogicalPlan apply(LogicalPlan outer, SubqueryPredicate subquery, int index, SubqueryScope scope) {
    if (subquery.kind() != SubqueryKind.SCALAR) {
      throw new IllegalArgumentException("not a scalar subquery: " + subquery.kind());
    }
    Analyzer analyzer = scope.analyzer();
    String name = dev.ember.catalyst.parser.QueryNode.SubqueryPredicate.placeholder(index);
    CorrelatedSubquery correlated = CorrelatedSubquery.of(subquery.query(), outer, scope);
    if (correlated == null) {
      LogicalPlan plan = scope.plan(subquery.query());
      requireOneColumn(plan.output().size());
      LogicalPlan single = analyzer.aggregate(plan, List.of(),
          List.of(new Named(new FunctionCall("single_value", List.of(new BoundColumn(plan.output().get(0)))), name)));
      return analyzer.join(outer, single, new LiteralValue(true), JoinType.LEFT_OUTER);
    }
    if (!correlated.select().groupings().isEmpty() || correlated.select().having() != null
        || !QueryAnalyzer.isAggregate(correlated.select())) {
      throw new AnalysisFailure("[SCALAR_SUBQUERY_IS_IN_GROUP_BY_OR_AGGREGATE_FUNCTION] Correlated scalar subqueries"
          + " must be aggregated without GROUP BY or HAVING, to return at most one row for each outer row: \""
          + correlated.select().items() + "\".");
    }
    requireOneColumn(correlated.select().items().size());
    List<UnresolvedExpression> groupings = new ArrayList<>();
    List<UnresolvedExpression> outerKeys = new ArrayList<>();
    for (UnresolvedExpression condition : correlated.correlatedConditions()) {
      if (!(condition instanceof FunctionCall call && call.name().equals("=") && call.arguments().size() == 2)) {
        throw nonEquality(condition);
      }
      UnresolvedExpression left = call.arguments().get(0);
      UnresolvedExpression right = call.arguments().get(1);
      if (correlated.readsOnlyInner(left) && correlated.readsNoInner(right)) {
        groupings.add(new Named(left, "__correlation_" + groupings.size()));
        outerKeys.add(right);
      } else if (correlated.readsOnlyInner(right) && correlated.readsNoInner(left)) {
        groupings.add(new Named(right, "__correlation_" + groupings.size()));
        outerKeys.add(left);
      } else {
        throw nonEquality(condition);
      }
    }
    UnresolvedExpression item = correlated.select().items().get(0);
    UnresolvedExpression value = item instanceof Named named ? named.child() : item;
    boolean countsRows = containsCount(value);
    List<UnresolvedExpression> aggregates = new ArrayList<>();
    aggregates.add(new Named(value, countsRows ? name + "_value" : name));
    if (countsRows) {
      aggregates.add(new Named(new FunctionCall("count_star", List.of()), name + "_rows"));
    }
    LogicalPlan aggregate = analyzer.aggregate(correlated.filtered(), groupings, aggregates);
    List<UnresolvedExpression> keys = new ArrayList<>();
    for (int i = 0; i < outerKeys.size(); i++) {
      keys.add(new FunctionCall("=", List.of(outerKeys.get(i), new BoundColumn(aggregate.output().get(i)))));
    }
    LogicalPlan joined = analyzer.join(outer, aggregate, UnresolvedExpressions.and(keys), JoinType.LEFT_OUTER);
    List<UnresolvedExpression> columns = new ArrayList<>();
    for (AttributeReference column : outer.output()) {
      columns.add(new BoundColumn(column));
    }
    List<AttributeReference> aggregateOutput = aggregate.output();
    if (countsRows) {
      AttributeReference computed = aggregateOutput.get(groupings.size());
      AttributeReference rows = aggregateOutput.get(groupings.size() + 1);
      columns.add(new Named(new CaseWhenCall(
          List.of(new FunctionCall("isnull", List.of(new BoundColumn(rows)))),
          List.of(overNoRows(value)),
          new BoundColumn(computed)), name));
    } else {
      columns.add(new BoundColumn(aggregateOutput.get(groupings.size())));
    }
    return analyzer.project(joined, columns);
  }

  /** The value of an aggregate expression over no rows: each count is 0, each other aggregate null. */
  private static UnresolvedExpression overNoRows(UnresolvedExpression value) {
    return UnresolvedExpressions.transform(value, node -> {
      if (node instanceof FunctionCall call && AggregateCalls.NAMES.contains(call.name())) {
        return call.name().startsWith("count") ? new LiteralValue(0L) : new LiteralValue(null);
      }
      return null;
    });
  }

  private static boolean containsCount(UnresolvedExpression value) {
    boolean[] found = {false};
    UnresolvedExpressions.transform(value, node -> {
      if (node instanceof FunctionCall call && call.name().startsWith("count")) {
        found[0] = true;
      }
      return null;
    });
    return found[0];
  }

  private static void requireOneColumn(int columns) {
    if (columns != 1) {
      throw new AnalysisFailure("[INVALID_SUBQUERY_EXPRESSION] A scalar subquery must return one column, but it"
          + " returns " + columns + ".");
    }
  }

  private static AnalysisFailure nonEquality(UnresolvedExpression condition) {
    return new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A correlated scalar subquery may read the"
        + " enclosing query only in equalities between its own columns and the enclosing query's, not in \""
        + condition + "\".");
  }
}
