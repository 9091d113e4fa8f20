package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.parser.QueryNode;
import dev.ember.catalyst.parser.QueryNode.Select;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A subquery split as Spark's decorrelation does ({@code PullupCorrelatedPredicates}): its FROM
 * filtered by the WHERE conjuncts that read only the subquery's own columns ({@link #filtered}),
 * and the conjuncts that also read columns of the enclosing query ({@link #correlatedConditions}),
 * which become join conditions. In those, every column is bound to its attribute, the subquery's
 * own first (the innermost scope wins, as in SQL), so the same name on both sides stays apart.
 * The subquery's FROM gets fresh attribute ids where it shares them with the outer plan.
 *
 * @param select the subquery, whose select list and grouping still apply over {@code filtered}
 */
record CorrelatedSubquery(Select select, LogicalPlan filtered, List<UnresolvedExpression> correlatedConditions,
    List<AttributeReference> innerColumns) {

  CorrelatedSubquery {
    Objects.requireNonNull(select, "select is null");
    Objects.requireNonNull(filtered, "filtered is null");
    correlatedConditions = List.copyOf(correlatedConditions);
    innerColumns = List.copyOf(innerColumns);
  }

  /**
   * The correlated split of {@code query} against {@code outer}; null when the query reads no outer
   * column (plan it as an ordinary query then).
   */
  static CorrelatedSubquery of(QueryNode query, LogicalPlan outer, SubqueryScope scope) {
    if (!(query instanceof Select select) || select.where() == null || select.from() == null) {
      return null;
    }
    LogicalPlan from = scope.plan(select.from());
    List<UnresolvedExpression> local = new ArrayList<>();
    List<UnresolvedExpression> correlated = new ArrayList<>();
    for (UnresolvedExpression conjunct : UnresolvedExpressions.conjuncts(select.where())) {
      if (readsOuter(conjunct, from.output(), outer.output())) {
        correlated.add(conjunct);
      } else {
        local.add(conjunct);
      }
    }
    if (correlated.isEmpty()) {
      return null;
    }
    LogicalPlan inner = SelfJoin.separate(outer, from).right();
    List<UnresolvedExpression> bound = new ArrayList<>();
    for (UnresolvedExpression conjunct : correlated) {
      bound.add(bind(conjunct, inner.output(), outer.output()));
    }
    LogicalPlan filtered = local.isEmpty()
        ? inner
        : scope.where(inner, UnresolvedExpressions.and(local), select.subqueries());
    return new CorrelatedSubquery(select, filtered, bound, inner.output());
  }

  /** True when {@code conjunct} names a column that the subquery lacks but the outer query has. */
  private static boolean readsOuter(UnresolvedExpression conjunct, List<AttributeReference> inner,
      List<AttributeReference> outer) {
    boolean readsOuter = false;
    for (ColumnName name : UnresolvedExpressions.columnNames(conjunct)) {
      if (UnresolvedExpressions.placeholderIndex(name) >= 0 || NameResolution.isStar(name.name())) {
        continue;
      }
      if (NameResolution.candidates(inner, name.name()).isEmpty() && !NameResolution.candidates(outer, name.name()).isEmpty()) {
        readsOuter = true;
      }
    }
    if (readsOuter && UnresolvedExpressions.columnNames(conjunct).stream()
        .anyMatch(name -> UnresolvedExpressions.placeholderIndex(name) >= 0)) {
      throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A condition that reads columns of the"
          + " enclosing query may not contain a subquery of its own: \"" + conjunct + "\".");
    }
    return readsOuter;
  }

  /** {@code conjunct} with each column bound: to the subquery's attribute when it has one, else the outer query's. */
  private static UnresolvedExpression bind(UnresolvedExpression conjunct, List<AttributeReference> inner,
      List<AttributeReference> outer) {
    return UnresolvedExpressions.transform(conjunct, node -> {
      if (node instanceof ColumnName name) {
        return NameResolution.candidates(inner, name.name()).isEmpty()
            ? new BoundColumn(NameResolution.resolve(outer, name.name()))
            : new BoundColumn(NameResolution.resolve(inner, name.name()));
      }
      return null;
    });
  }

  /** {@code expression} with each column name bound to its attribute among {@code columns}. */
  static UnresolvedExpression bindTo(UnresolvedExpression expression, List<AttributeReference> columns) {
    return UnresolvedExpressions.transform(expression, node -> node instanceof ColumnName name
        && !NameResolution.isStar(name.name()) ? new BoundColumn(NameResolution.resolve(columns, name.name())) : null);
  }

  /** True when {@code expression} reads only columns of the subquery (by their attribute ids). */
  boolean readsOnlyInner(UnresolvedExpression expression) {
    List<Long> ids = innerColumns.stream().map(AttributeReference::id).toList();
    boolean[] onlyInner = {true};
    UnresolvedExpressions.transform(expression, node -> {
      if (node instanceof BoundColumn bound && !ids.contains(bound.attribute().id())) {
        onlyInner[0] = false;
      }
      return null;
    });
    return onlyInner[0];
  }

  /** True when {@code expression} reads no column of the subquery. */
  boolean readsNoInner(UnresolvedExpression expression) {
    List<Long> ids = innerColumns.stream().map(AttributeReference::id).toList();
    boolean[] noInner = {true};
    UnresolvedExpressions.transform(expression, node -> {
      if (node instanceof BoundColumn bound && ids.contains(bound.attribute().id())) {
        noInner[0] = false;
      }
      return null;
    });
    return noInner[0];
  }
}
