package dev.ember.catalyst.parser;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.core.plan.JoinType;
import java.util.List;
import java.util.Objects;

/**
 * A query as written, before analysis: the unresolved plan the parser produces. Its expressions
 * are the DSL's {@link UnresolvedExpression}s; the analyzer turns the tree into a logical plan
 * with the same {@code Analyzer} calls the DSL makes.
 */
public sealed interface QueryNode {

  /** A table, view or common table expression by name. */
  record TableReference(String name) implements QueryNode {
    public TableReference {
      Objects.requireNonNull(name, "name is null");
    }
  }

  /** {@code child AS alias (columns...)}; {@code columnNames} is empty when not renamed. */
  record Aliased(QueryNode child, String alias, List<String> columnNames) implements QueryNode {
    public Aliased {
      Objects.requireNonNull(child, "child is null");
      Objects.requireNonNull(alias, "alias is null");
      columnNames = List.copyOf(columnNames);
    }
  }

  /** An inline table, {@code VALUES (1, 'a'), (2, 'b')}: columns {@code col1, col2, ...}. */
  record Values(List<List<UnresolvedExpression>> rows) implements QueryNode {
    public Values {
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /**
   * {@code SELECT [DISTINCT] items [FROM from] [WHERE where] [GROUP BY groupings] [HAVING having]};
   * {@code from}, {@code where} and {@code having} are null when absent. With {@code GROUPING SETS},
   * {@code ROLLUP} or {@code CUBE}, {@code groupings} lists each grouping expression once and
   * {@code groupingSets} each set as indexes into it; {@code groupingSets} is empty for a plain GROUP BY.
   */
  record Select(boolean distinct, List<UnresolvedExpression> items, QueryNode from, UnresolvedExpression where,
      List<UnresolvedExpression> groupings, UnresolvedExpression having, List<SubqueryPredicate> subqueries,
      List<List<Integer>> groupingSets) implements QueryNode {
    public Select {
      items = List.copyOf(items);
      groupings = List.copyOf(groupings);
      subqueries = List.copyOf(subqueries);
      groupingSets = groupingSets.stream().map(List::copyOf).toList();
      for (List<Integer> set : groupingSets) {
        for (int index : set) {
          if (index < 0 || index >= groupings.size()) {
            throw new IllegalArgumentException("grouping set index " + index + " is not in " + groupings);
          }
        }
      }
    }

    public Select(boolean distinct, List<UnresolvedExpression> items, QueryNode from, UnresolvedExpression where,
        List<UnresolvedExpression> groupings, UnresolvedExpression having, List<SubqueryPredicate> subqueries) {
      this(distinct, items, from, where, groupings, having, subqueries, List.of());
    }

    public Select(boolean distinct, List<UnresolvedExpression> items, QueryNode from, UnresolvedExpression where,
        List<UnresolvedExpression> groupings, UnresolvedExpression having) {
      this(distinct, items, from, where, groupings, having, List.of());
    }
  }

  /**
   * A subquery in an expression of a select: {@code value IN (query)}, {@code EXISTS (query)} (in
   * WHERE) or a scalar {@code (query)} (in the select list, WHERE or HAVING). The expression holds
   * the column {@link #placeholder(int) placeholder(i)} where the i-th of its select's subqueries
   * was written (the expression types cannot hold a query); the analyzer decorrelates each into a
   * semi, anti or left outer join. {@code value} is null for EXISTS and scalar subqueries.
   */
  record SubqueryPredicate(SubqueryKind kind, UnresolvedExpression value, QueryNode query) {
    public SubqueryPredicate {
      Objects.requireNonNull(kind, "kind is null");
      Objects.requireNonNull(query, "query is null");
      if ((kind == SubqueryKind.IN) != (value != null)) {
        throw new IllegalArgumentException("an IN subquery, and only it, has a value: " + kind);
      }
    }

    /** An IN subquery when {@code value} is given, else EXISTS. */
    public SubqueryPredicate(UnresolvedExpression value, QueryNode query) {
      this(value == null ? SubqueryKind.EXISTS : SubqueryKind.IN, value, query);
    }

    /** The column name standing for the i-th subquery of a select. */
    public static String placeholder(int index) {
      return "__subquery_" + index;
    }
  }

  enum SubqueryKind {
    EXISTS,
    IN,
    SCALAR
  }

  /** {@code left JOIN right ON condition} or {@code USING (usingColumns)}; neither for cross and comma joins. */
  record JoinNode(QueryNode left, QueryNode right, JoinType joinType, UnresolvedExpression condition,
      List<String> usingColumns) implements QueryNode {
    public JoinNode {
      Objects.requireNonNull(left, "left is null");
      Objects.requireNonNull(right, "right is null");
      Objects.requireNonNull(joinType, "joinType is null");
      usingColumns = List.copyOf(usingColumns);
    }
  }

  /** {@code UNION}, {@code INTERSECT} or {@code EXCEPT}, with {@code ALL} or not (distinct). */
  record SetOperation(SetOperator operator, boolean all, QueryNode left, QueryNode right) implements QueryNode {
    public SetOperation {
      Objects.requireNonNull(operator, "operator is null");
      Objects.requireNonNull(left, "left is null");
      Objects.requireNonNull(right, "right is null");
    }
  }

  enum SetOperator {
    UNION,
    INTERSECT,
    EXCEPT
  }

  /** {@code ORDER BY keys}. */
  record Sorted(QueryNode child, List<SortKey> keys) implements QueryNode {
    public Sorted {
      Objects.requireNonNull(child, "child is null");
      keys = List.copyOf(keys);
    }
  }

  /** {@code LIMIT count}. */
  record Limited(QueryNode child, int count) implements QueryNode {
    public Limited {
      Objects.requireNonNull(child, "child is null");
    }
  }

  /** {@code WITH name (columns) AS (query), ... body}: each definition sees the ones before it. */
  record With(List<CommonTableExpression> definitions, QueryNode body) implements QueryNode {
    public With {
      definitions = List.copyOf(definitions);
      Objects.requireNonNull(body, "body is null");
    }
  }

  record CommonTableExpression(String name, List<String> columnNames, QueryNode query) {
    public CommonTableExpression {
      Objects.requireNonNull(name, "name is null");
      columnNames = List.copyOf(columnNames);
      Objects.requireNonNull(query, "query is null");
    }
  }
}
