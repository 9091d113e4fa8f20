package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.parser.QueryNode;
import dev.ember.catalyst.plan.LogicalPlan;
import java.util.List;

/**
 * What the subquery rewrites need from {@link QueryAnalyzer}: planning a query, a WHERE clause and
 * a select list in the scope (common table expressions) where the subquery was written.
 */
interface SubqueryScope {

  Analyzer analyzer();

  /** The analyzed plan of a query node. */
  LogicalPlan plan(QueryNode query);

  /** {@code child WHERE condition}, with the condition's own subqueries. */
  LogicalPlan where(LogicalPlan child, UnresolvedExpression condition, List<QueryNode.SubqueryPredicate> subqueries);
}
