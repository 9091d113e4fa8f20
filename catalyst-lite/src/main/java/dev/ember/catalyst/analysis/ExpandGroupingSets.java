package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.parser.QueryNode.Select;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GROUP BY GROUPING SETS / ROLLUP / CUBE} as Spark plans it: an Expand that repeats each
 * input row once per grouping set, with the grouping columns that are not in the set nulled and a
 * grouping id, then one Aggregate grouped by the nulled columns and the id. Ember's Expand is a
 * cross join with a small inline table of the sets (broadcast; one row a set: its grouping id,
 * position and a flag per grouping column) and a projection:
 *
 * <pre>
 *   SELECT a, b, sum(v) FROM t GROUP BY ROLLUP (a, b)
 * becomes
 *   Aggregate [__grouping_col_0, __grouping_col_1, __grouping_id, __grouping_position, __grouping_in_0, __grouping_in_1],
 *             [__grouping_col_0 AS a, __grouping_col_1 AS b, sum(v)]
 *     Project t.*, CASE WHEN __grouping_in_0 THEN a END AS __grouping_col_0, ..., __grouping_id, ...
 *       Join CROSS
 *         t
 *         VALUES (0, 0, true, true), (1, 1, true, false), (3, 2, false, false)
 * </pre>
 *
 * The grouping id has a bit per grouping column, the first column the highest, set when the column
 * is not in the set (Spark's {@code grouping_id()}); the position keeps repeated sets apart, as in
 * Spark 3. Outside aggregate calls, a grouping expression in the select list or HAVING reads its
 * nulled column; {@code grouping(col)} and {@code grouping_id(cols...)} read the flags.
 */
final class ExpandGroupingSets {
  private static final String COLUMN = "__grouping_col_";
  private static final String IN_SET = "__grouping_in_";
  private static final String ID = "__grouping_id";
  private static final String POSITION = "__grouping_position";

  /** The select to aggregate (over plain groupings) and its expanded input. */
  record Expanded(Select select, LogicalPlan child) {}

  private ExpandGroupingSets() {}

  /** {@code select}, whose {@code groupings} are already resolved from ordinals and aliases, over {@code child}. */
  static Expanded apply(Select select, List<UnresolvedExpression> resolvedGroupings, LogicalPlan child,
      Analyzer analyzer) {
    // GROUP BY alias names a select item: group by what it computes.
    List<UnresolvedExpression> groupings = resolvedGroupings.stream()
        .map(grouping -> grouping instanceof Named named ? named.child() : grouping).toList();
    int count = groupings.size();
    if (count > 62) {
      throw new AnalysisFailure("[GROUPING_SIZE_LIMIT_EXCEEDED] Grouping sets size cannot be greater than 62: "
          + count + " grouping columns.");
    }
    LogicalPlan sets = null;
    for (int position = 0; position < select.groupingSets().size(); position++) {
      List<Integer> set = select.groupingSets().get(position);
      long id = 0;
      List<UnresolvedExpression> columns = new ArrayList<>();
      columns.add(null);
      columns.add(new Named(new LiteralValue(position), POSITION));
      for (int i = 0; i < count; i++) {
        boolean in = set.contains(i);
        if (!in) {
          id |= 1L << (count - 1 - i);
        }
        columns.add(new Named(new LiteralValue(in), IN_SET + i));
      }
      columns.set(0, new Named(new LiteralValue(id), ID));
      LogicalPlan row = analyzer.project(oneRow(), columns);
      sets = sets == null ? row : analyzer.union(sets, row);
    }
    LogicalPlan joined = analyzer.join(child, sets, null, JoinType.CROSS);
    List<UnresolvedExpression> projection = new ArrayList<>();
    for (AttributeReference column : child.output()) {
      projection.add(new BoundColumn(column));
    }
    List<UnresolvedExpression> newGroupings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UnresolvedExpression grouping = CorrelatedSubquery.bindTo(groupings.get(i), child.output());
      projection.add(new Named(new CaseWhenCall(List.of(new ColumnName(IN_SET + i)), List.of(grouping), null),
          COLUMN + i));
      newGroupings.add(new ColumnName(COLUMN + i));
    }
    projection.add(new ColumnName(ID));
    projection.add(new ColumnName(POSITION));
    newGroupings.add(new ColumnName(ID));
    newGroupings.add(new ColumnName(POSITION));
    for (int i = 0; i < count; i++) {
      projection.add(new ColumnName(IN_SET + i));
      newGroupings.add(new ColumnName(IN_SET + i));
    }
    LogicalPlan expanded = analyzer.project(joined, projection);

    List<UnresolvedExpression> items = new ArrayList<>();
    for (UnresolvedExpression item : select.items()) {
      UnresolvedExpression rewritten = rewrite(item, groupings);
      boolean named = item instanceof Named || (item instanceof ColumnName name && NameResolution.isStar(name.name()));
      items.add(named || rewritten.equals(item) ? rewritten : new Named(rewritten, displayName(item)));
    }
    UnresolvedExpression having = select.having() == null ? null : rewrite(select.having(), groupings);
    Select plain = new Select(select.distinct(), items, select.from(), select.where(), newGroupings, having,
        select.subqueries(), List.of());
    return new Expanded(plain, expanded);
  }

  /** The expression with grouping expressions (outside aggregate calls) read from their nulled columns. */
  private static UnresolvedExpression rewrite(UnresolvedExpression expression, List<UnresolvedExpression> groupings) {
    return UnresolvedExpressions.transform(expression, node -> {
      if (node instanceof Named named) {
        return new Named(rewrite(named.child(), groupings), named.name());
      }
      int index = groupings.indexOf(node);
      if (index >= 0) {
        return new ColumnName(COLUMN + index);
      }
      if (node instanceof FunctionCall call) {
        if (AggregateCalls.NAMES.contains(call.name())) {
          return call;
        }
        if (call.name().equals("grouping")) {
          if (call.arguments().size() != 1) {
            throw new AnalysisFailure("grouping() takes one grouping column, got \"" + call + "\".");
          }
          return flag(call.arguments().get(0), groupings, call, 1);
        }
        if (call.name().equals("grouping_id")) {
          if (call.arguments().isEmpty()) {
            return new ColumnName(ID);
          }
          UnresolvedExpression sum = null;
          int size = call.arguments().size();
          for (int j = 0; j < size; j++) {
            UnresolvedExpression bit = flag(call.arguments().get(j), groupings, call, 1L << (size - 1 - j));
            sum = sum == null ? bit : new FunctionCall("+", List.of(sum, bit));
          }
          return sum;
        }
      }
      return null;
    });
  }

  /** {@code value} (an int 1 for grouping(), a long bit for grouping_id()) when {@code column} is not in the row's set, else 0. */
  private static UnresolvedExpression flag(UnresolvedExpression column, List<UnresolvedExpression> groupings,
      FunctionCall call, Object value) {
    int index = groupings.indexOf(column);
    if (index < 0) {
      throw new AnalysisFailure("[GROUPING_COLUMN_MISMATCH] Column of grouping (" + column + ") can't be found in"
          + " grouping columns " + groupings + ", in \"" + call + "\".");
    }
    Object zero = value instanceof Long ? (Object) 0L : (Object) 0;
    return new CaseWhenCall(List.of(new ColumnName(IN_SET + index)), List.of(new LiteralValue(zero)),
        new LiteralValue(value));
  }

  private static String displayName(UnresolvedExpression item) {
    if (item instanceof ColumnName name) {
      int dot = name.name().lastIndexOf('.');
      return dot < 0 ? name.name() : name.name().substring(dot + 1);
    }
    return item.toString();
  }

  private static LogicalPlan oneRow() {
    return new RangeRelation(0, 1, 1, 1,
        new AttributeReference("__one_row", ColumnType.LONG, false, ExpressionIds.next(), ""));
  }
}
