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
import dev.ember.catalyst.parser.QueryNode;
import dev.ember.catalyst.parser.QueryNode.Aliased;
import dev.ember.catalyst.parser.QueryNode.CommonTableExpression;
import dev.ember.catalyst.parser.QueryNode.JoinNode;
import dev.ember.catalyst.parser.QueryNode.Limited;
import dev.ember.catalyst.parser.QueryNode.Select;
import dev.ember.catalyst.parser.QueryNode.SetOperation;
import dev.ember.catalyst.parser.QueryNode.Sorted;
import dev.ember.catalyst.parser.QueryNode.TableReference;
import dev.ember.catalyst.parser.QueryNode.Values;
import dev.ember.catalyst.parser.QueryNode.With;
import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import dev.ember.core.text.EditDistance;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a parsed SQL query ({@link QueryNode}) into an analyzed logical plan by calling the same
 * {@link Analyzer} methods the DataFrame DSL calls, so that a query gives the same plan either way.
 * Relations are looked up first among the query's common table expressions (innermost first),
 * then in the {@link RelationLookup}; each gets its name as a qualifier ({@code t.x}).
 */
public final class QueryAnalyzer {
  private static final String HAVING_PREFIX = "__having_";
  private static final String ORDER_PREFIX = "__order_";

  private final Analyzer analyzer;
  private final RelationLookup relations;

  public QueryAnalyzer(Analyzer analyzer, RelationLookup relations) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer is null");
    this.relations = Objects.requireNonNull(relations, "relations is null");
  }

  /** The analyzed plan of {@code query}; throws {@link AnalysisFailure} for the first error. */
  public LogicalPlan analyze(QueryNode query) {
    return plan(query, Map.of());
  }

  private LogicalPlan plan(QueryNode node, Map<String, LogicalPlan> definitions) {
    return switch (node) {
      case TableReference table -> table(table.name(), definitions);
      case Aliased aliased -> aliased(plan(aliased.child(), definitions), aliased.alias(), aliased.columnNames());
      case Values values -> values(values);
      case Select select -> select(select, definitions);
      case JoinNode join -> join(join, definitions);
      case SetOperation operation -> setOperation(operation, definitions);
      case Sorted sorted when sorted.child() instanceof Select select && !select.distinct()
          && sorted.keys().stream().anyMatch(AggregateCalls::contains) && isAggregate(select) ->
          sortByAggregates(sorted, select, definitions);
      case Sorted sorted -> {
        LogicalPlan child = plan(sorted.child(), definitions);
        List<UnresolvedExpression> keys = new ArrayList<>();
        for (SortKey key : sorted.keys()) {
          keys.add(new SortKey(ordinal(key.child(), child.output(), "ORDER BY"), key.ascending(), key.nullsFirst()));
        }
        yield analyzer.sort(child, keys);
      }
      case Limited limited -> analyzer.limit(plan(limited.child(), definitions), limited.count());
      case With with -> {
        Map<String, LogicalPlan> scope = new LinkedHashMap<>(definitions);
        for (CommonTableExpression definition : with.definitions()) {
          LogicalPlan plan = aliased(plan(definition.query(), scope), definition.name(), definition.columnNames());
          scope.put(definition.name().toLowerCase(Locale.ROOT), plan);
        }
        yield plan(with.body(), scope);
      }
    };
  }

  private LogicalPlan table(String name, Map<String, LogicalPlan> definitions) {
    LogicalPlan definition = definitions.get(name.toLowerCase(Locale.ROOT));
    if (definition != null) {
      return definition;
    }
    LogicalPlan found = relations.find(name).orElseThrow(() -> unknownRelation(name, definitions));
    return analyzer.alias(found, unqualified(name));
  }

  private AnalysisFailure unknownRelation(String name, Map<String, LogicalPlan> definitions) {
    Set<String> candidates = new HashSet<>(relations.names());
    candidates.addAll(definitions.keySet());
    List<String> closest = candidates.stream()
        .sorted(Comparator.comparingInt((String candidate) -> EditDistance.between(
            candidate.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT))).thenComparing(candidate -> candidate))
        .limit(5)
        .map(candidate -> "`" + candidate + "`")
        .toList();
    return new AnalysisFailure("[TABLE_OR_VIEW_NOT_FOUND] The table or view `" + name + "` cannot be found."
        + (closest.isEmpty() ? " There are no temporary views; create one with df.createOrReplaceTempView(name)."
            : " Did you mean one of: " + String.join(", ", closest) + "?"));
  }

  private static String unqualified(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }

  /** {@code child AS alias (columns)}: renames the columns when a list is given, then qualifies them by the alias. */
  private LogicalPlan aliased(LogicalPlan child, String alias, List<String> columnNames) {
    LogicalPlan renamed = child;
    if (!columnNames.isEmpty()) {
      List<AttributeReference> output = child.output();
      if (output.size() != columnNames.size()) {
        throw new AnalysisFailure("[ASSIGNMENT_ARITY_MISMATCH] The relation `" + alias + "` has " + output.size()
            + " columns, but " + columnNames.size() + " column names were given: " + columnNames + ".");
      }
      List<UnresolvedExpression> columns = new ArrayList<>();
      for (int i = 0; i < output.size(); i++) {
        columns.add(new Named(new BoundColumn(output.get(i)), columnNames.get(i)));
      }
      renamed = analyzer.project(child, columns);
    }
    return analyzer.alias(renamed, alias);
  }

  /**
   * {@code VALUES (..), (..)}: each row a projection of one row, the rows a UNION ALL (types
   * widened). A NULL takes its column's type from the first row with a value there, as in Spark,
   * rather than making the column a STRING.
   */
  private LogicalPlan values(Values values) {
    int width = values.rows().get(0).size();
    List<ColumnType> columnTypes = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      ColumnType type = null;
      for (List<UnresolvedExpression> row : values.rows()) {
        if (!(row.get(i) instanceof LiteralValue(Object value) && value == null)) {
          type = analyzer.resolve(row.get(i), oneRow()).type();
          break;
        }
      }
      columnTypes.add(type);
    }
    LogicalPlan result = null;
    for (List<UnresolvedExpression> row : values.rows()) {
      List<UnresolvedExpression> columns = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        UnresolvedExpression value = row.get(i);
        if (value instanceof LiteralValue(Object nothing) && nothing == null && columnTypes.get(i) != null) {
          value = new CastTo(value, columnTypes.get(i));
        }
        columns.add(new Named(value, "col" + (i + 1)));
      }
      LogicalPlan rowPlan = analyzer.project(oneRow(), columns);
      result = result == null ? rowPlan : analyzer.union(result, rowPlan);
    }
    return result;
  }

  /** The input of a SELECT without FROM: one row, no columns that a query could name. */
  private static LogicalPlan oneRow() {
    return new RangeRelation(0, 1, 1, 1,
        new AttributeReference("__one_row", ColumnType.LONG, false, ExpressionIds.next(), ""));
  }

  private LogicalPlan select(Select select, Map<String, LogicalPlan> definitions) {
    LogicalPlan child = select.from() == null ? oneRow() : plan(select.from(), definitions);
    if (select.where() != null) {
      if (AggregateCalls.contains(select.where())) {
        throw new AnalysisFailure("[INVALID_WHERE_CONDITION] The WHERE condition \"" + select.where()
            + "\" contains aggregate functions; use HAVING.");
      }
      child = where(child, select.where(), select.subqueries(), definitions);
    }
    LogicalPlan result;
    if (isAggregate(select)) {
      if (select.items().stream().anyMatch(QueryAnalyzer::mentionsSubquery)) {
        throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] A scalar subquery in the select list of"
            + " an aggregate query is not supported; compute the aggregate in a subquery in FROM first.");
      }
      if (select.groupingSets().isEmpty()) {
        result = aggregate(select, child, definitions);
      } else {
        List<UnresolvedExpression> groupings = new ArrayList<>();
        for (UnresolvedExpression grouping : select.groupings()) {
          groupings.add(groupingOrSelectItem(grouping, select.items(), child));
        }
        ExpandGroupingSets.Expanded expanded = ExpandGroupingSets.apply(select, groupings, child, analyzer);
        result = aggregate(expanded.select(), expanded.child(), definitions);
      }
    } else {
      result = projectWithSubqueries(child, select, definitions);
    }
    return select.distinct() ? analyzer.distinct(result) : result;
  }

  static boolean isAggregate(Select select) {
    return !select.groupings().isEmpty() || !select.groupingSets().isEmpty() || select.having() != null
        || select.items().stream().anyMatch(AggregateCalls::contains);
  }

  /**
   * {@code SELECT g ... GROUP BY g ORDER BY sum(v)}: an aggregate the select list does not have is
   * computed as a hidden column of the aggregate, sorted on, then projected away (as Spark does).
   */
  private LogicalPlan sortByAggregates(Sorted sorted, Select select, Map<String, LogicalPlan> definitions) {
    List<UnresolvedExpression> hidden = new ArrayList<>();
    List<UnresolvedExpression> keys = new ArrayList<>();
    for (SortKey key : sorted.keys()) {
      UnresolvedExpression value = key.child() instanceof LiteralValue
          ? key.child()
          : hideAggregates(key.child(), hidden, ORDER_PREFIX);
      keys.add(new SortKey(value, key.ascending(), key.nullsFirst()));
    }
    List<UnresolvedExpression> items = new ArrayList<>(select.items());
    for (int i = 0; i < hidden.size(); i++) {
      items.add(new Named(hidden.get(i), ORDER_PREFIX + i));
    }
    LogicalPlan withHidden = plan(new Select(false, items, select.from(), select.where(), select.groupings(),
        select.having(), select.subqueries(), select.groupingSets()), definitions);
    List<AttributeReference> output = withHidden.output();
    int visibleCount = output.size() - hidden.size();
    List<UnresolvedExpression> resolvedKeys = new ArrayList<>();
    for (UnresolvedExpression key : keys) {
      SortKey sortKey = (SortKey) key;
      resolvedKeys.add(new SortKey(ordinal(sortKey.child(), output.subList(0, visibleCount), "ORDER BY"),
          sortKey.ascending(), sortKey.nullsFirst()));
    }
    LogicalPlan sortedPlan = analyzer.sort(withHidden, resolvedKeys);
    return new Project(List.copyOf(output.subList(0, visibleCount)), sortedPlan);
  }

  /**
   * WHERE: the conjuncts without subqueries become a filter; each {@code [NOT] IN (query)} and
   * {@code [NOT] EXISTS (query)} conjunct a left semi (anti) join with the subquery, as Spark
   * rewrites uncorrelated subquery predicates. {@code NOT IN} keeps SQL's null semantics: a row is
   * dropped when its value equals a subquery value or the comparison is unknown (a null on either side).
   */
  private LogicalPlan where(LogicalPlan child, UnresolvedExpression condition,
      List<QueryNode.SubqueryPredicate> subqueries, Map<String, LogicalPlan> definitions) {
    if (subqueries.isEmpty()) {
      return analyzer.filter(child, condition);
    }
    List<UnresolvedExpression> plain = new ArrayList<>();
    List<UnresolvedExpression> scalarConjuncts = new ArrayList<>();
    List<UnresolvedExpression> subqueryConjuncts = new ArrayList<>();
    for (UnresolvedExpression conjunct : conjuncts(condition)) {
      int index = subqueryIndex(conjunct);
      if (index >= 0 && subqueries.get(index).kind() != QueryNode.SubqueryKind.SCALAR) {
        subqueryConjuncts.add(conjunct);
      } else if (mentionsPredicateSubquery(conjunct, subqueries)) {
        throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] An IN or EXISTS subquery is supported"
            + " as a condition of WHERE joined by AND, optionally negated with NOT, but not inside \""
            + conjunct + "\".");
      } else if (mentionsSubquery(conjunct)) {
        scalarConjuncts.add(conjunct);
      } else {
        plain.add(conjunct);
      }
    }
    // Plain conditions first (they shrink the input of the joins), then scalar subqueries, then semi/anti joins.
    LogicalPlan result = plain.isEmpty() ? child : analyzer.filter(child, UnresolvedExpressions.and(plain));
    if (!scalarConjuncts.isEmpty()) {
      UnresolvedExpression scalarCondition = UnresolvedExpressions.and(scalarConjuncts);
      List<AttributeReference> visible = result.output();
      LogicalPlan withValues = joinScalarSubqueries(result, List.of(scalarCondition), subqueries, definitions);
      result = new Project(List.copyOf(visible), analyzer.filter(withValues, scalarCondition));
    }
    SubqueryScope scope = scope(definitions);
    for (UnresolvedExpression conjunct : subqueryConjuncts) {
      boolean negated = conjunct instanceof FunctionCall call && call.name().equals("not");
      result = RewritePredicateSubquery.apply(result, subqueries.get(subqueryIndex(conjunct)), negated, scope);
    }
    return result;
  }

  /** {@code child} with a column {@code __subquery_i} for each scalar subquery that {@code expressions} read. */
  private LogicalPlan joinScalarSubqueries(LogicalPlan child, List<UnresolvedExpression> expressions,
      List<QueryNode.SubqueryPredicate> subqueries, Map<String, LogicalPlan> definitions) {
    Set<Integer> indexes = new java.util.TreeSet<>();
    for (UnresolvedExpression expression : expressions) {
      for (ColumnName name : UnresolvedExpressions.columnNames(expression)) {
        int index = UnresolvedExpressions.placeholderIndex(name);
        if (index >= 0) {
          indexes.add(index);
        }
      }
    }
    LogicalPlan result = child;
    SubqueryScope scope = scope(definitions);
    for (int index : indexes) {
      result = RewriteScalarSubquery.apply(result, subqueries.get(index), index, scope);
    }
    return result;
  }

  /** The select list over {@code child}; scalar subqueries in it are joined in first. */
  private LogicalPlan projectWithSubqueries(LogicalPlan child, Select select, Map<String, LogicalPlan> definitions) {
    if (select.items().stream().noneMatch(QueryAnalyzer::mentionsSubquery)) {
      return analyzer.project(child, select.items());
    }
    for (UnresolvedExpression item : select.items()) {
      if (mentionsPredicateSubquery(item, select.subqueries())) {
        throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] IN and EXISTS subqueries are supported"
            + " as conditions of WHERE; the select list takes scalar subqueries: \"" + item + "\".");
      }
    }
    List<UnresolvedExpression> items = new ArrayList<>();
    for (UnresolvedExpression item : select.items()) {
      if (item instanceof ColumnName name && NameResolution.isStar(name.name())) {
        // * means the FROM's columns, not the subqueries' hidden ones.
        NameResolution.expandStar(child.output(), name.name()).forEach(column -> items.add(new BoundColumn(column)));
      } else {
        items.add(item);
      }
    }
    return analyzer.project(joinScalarSubqueries(child, items, select.subqueries(), definitions), items);
  }

  private SubqueryScope scope(Map<String, LogicalPlan> definitions) {
    return new SubqueryScope() {
      @Override
      public Analyzer analyzer() {
        return analyzer;
      }

      @Override
      public LogicalPlan plan(QueryNode query) {
        return QueryAnalyzer.this.plan(query, definitions);
      }

      @Override
      public LogicalPlan where(LogicalPlan child, UnresolvedExpression condition,
          List<QueryNode.SubqueryPredicate> subqueries) {
        return QueryAnalyzer.this.where(child, condition, subqueries, definitions);
      }
    };
  }

  private static boolean mentionsPredicateSubquery(UnresolvedExpression expression,
      List<QueryNode.SubqueryPredicate> subqueries) {
    return UnresolvedExpressions.columnNames(expression).stream()
        .map(UnresolvedExpressions::placeholderIndex)
        .anyMatch(index -> index >= 0 && subqueries.get(index).kind() != QueryNode.SubqueryKind.SCALAR);
  }

  /** {@code left <=> right} as two equalities a hash join takes as keys (see {@link #setOperation}). */
  private static UnresolvedExpression nullSafeEqual(BoundColumn left, BoundColumn right) {
    Object placeholder = switch (left.attribute().type().kind()) {
      case BOOLEAN -> false;
      case INT -> 0;
      case LONG -> 0L;
      case DOUBLE -> 0.0;
      case STRING -> "";
      case DATE -> java.time.LocalDate.EPOCH;
      case TIMESTAMP -> java.time.Instant.EPOCH;
      case DECIMAL -> null;
    };
    if (placeholder == null || left.attribute().type().kind() != right.attribute().type().kind()) {
      return new FunctionCall("or", List.of(
          new FunctionCall("=", List.of(left, right)),
          new FunctionCall("and", List.of(new FunctionCall("isnull", List.of(left)),
              new FunctionCall("isnull", List.of(right))))));
    }
    LiteralValue value = new LiteralValue(placeholder);
    return new FunctionCall("and", List.of(
        new FunctionCall("=", List.of(new FunctionCall("coalesce", List.of(left, value)),
            new FunctionCall("coalesce", List.of(right, value)))),
        new FunctionCall("=", List.of(new FunctionCall("isnull", List.of(left)),
            new FunctionCall("isnull", List.of(right))))));
  }

  private static List<UnresolvedExpression> conjuncts(UnresolvedExpression condition) {
    if (condition instanceof FunctionCall call && call.name().equals("and") && call.arguments().size() == 2) {
      List<UnresolvedExpression> result = new ArrayList<>(conjuncts(call.arguments().get(0)));
      result.addAll(conjuncts(call.arguments().get(1)));
      return result;
    }
    return List.of(condition);
  }

  /** The subquery index of {@code placeholder} or {@code NOT placeholder}; -1 for anything else. */
  private static int subqueryIndex(UnresolvedExpression conjunct) {
    UnresolvedExpression inner = conjunct instanceof FunctionCall call && call.name().equals("not")
        && call.arguments().size() == 1 ? call.arguments().get(0) : conjunct;
    if (inner instanceof ColumnName name && name.name().matches("__subquery_[0-9]+")) {
      return Integer.parseInt(name.name().substring("__subquery_".length()));
    }
    return -1;
  }

  private static boolean mentionsSubquery(UnresolvedExpression expression) {
    return switch (expression) {
      case ColumnName name -> name.name().matches("__subquery_[0-9]+");
      case FunctionCall call -> call.arguments().stream().anyMatch(QueryAnalyzer::mentionsSubquery);
      case CaseWhenCall caseWhen -> caseWhen.conditions().stream().anyMatch(QueryAnalyzer::mentionsSubquery)
          || caseWhen.values().stream().anyMatch(QueryAnalyzer::mentionsSubquery)
          || (caseWhen.otherwise() != null && mentionsSubquery(caseWhen.otherwise()));
      case UserFunctionApplication application -> application.arguments().stream().anyMatch(QueryAnalyzer::mentionsSubquery);
      case CastTo cast -> mentionsSubquery(cast.child());
      case Named named -> mentionsSubquery(named.child());
      case SortKey key -> mentionsSubquery(key.child());
      case BoundColumn bound -> false;
      case LiteralValue literal -> false;
    };
  }

  /**
   * GROUP BY / HAVING: the analyzer's aggregate outputs the groupings, then the select items;
   * a projection keeps the select items only. Aggregates that HAVING uses but the select list does
   * not are computed as hidden columns, filtered on, then projected away.
   */
  private LogicalPlan aggregate(Select select, LogicalPlan child, Map<String, LogicalPlan> definitions) {
    List<UnresolvedExpression> groupings = new ArrayList<>();
    for (UnresolvedExpression grouping : select.groupings()) {
      groupings.add(groupingOrSelectItem(grouping, select.items(), child));
    }
    List<UnresolvedExpression> items = new ArrayList<>();
    for (UnresolvedExpression item : select.items()) {
      if (item instanceof ColumnName name && NameResolution.isStar(name.name())) {
        // * in an aggregate query: each column, which must then be a grouping (as in Spark).
        NameResolution.expandStar(child.output(), name.name()).forEach(column -> items.add(new BoundColumn(column)));
      } else {
        items.add(item);
      }
    }
    int visibleCount = items.size();
    List<UnresolvedExpression> hidden = new ArrayList<>();
    UnresolvedExpression having = select.having() == null ? null : hideAggregates(select.having(), hidden, HAVING_PREFIX);
    for (int i = 0; i < hidden.size(); i++) {
      items.add(new Named(hidden.get(i), HAVING_PREFIX + i));
    }
    if (having == null && items.size() > groupings.size() && items.subList(0, groupings.size()).equals(groupings)) {
      // SELECT g1, g2, aggregates... GROUP BY g1, g2: exactly the DSL's groupBy(g1, g2).agg(aggregates...).
      return analyzer.aggregate(child, groupings, items.subList(groupings.size(), items.size()));
    }
    LogicalPlan aggregate = analyzer.aggregate(child, groupings, items);
    List<AttributeReference> output = aggregate.output();
    List<AttributeReference> itemColumns = output.subList(output.size() - items.size(), output.size());
    if (having == null) {
      return itemColumns.size() == output.size() ? aggregate : new Project(List.copyOf(itemColumns), aggregate);
    }
    // HAVING may read the select items (by alias), the hidden aggregates and the grouping columns.
    List<Expression> filterInput = new ArrayList<>(itemColumns);
    Set<Long> ids = new HashSet<>();
    itemColumns.forEach(attribute -> ids.add(attribute.id()));
    for (AttributeReference grouping : output.subList(0, output.size() - items.size())) {
      if (ids.add(grouping.id())) {
        filterInput.add(grouping);
      }
    }
    LogicalPlan havingInput = new Project(filterInput, aggregate);
    if (mentionsSubquery(having)) {
      if (mentionsPredicateSubquery(having, select.subqueries())) {
        throw new AnalysisFailure("[UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY] IN and EXISTS subqueries are supported"
            + " in WHERE; HAVING takes scalar subqueries: \"" + select.having() + "\".");
      }
      havingInput = joinScalarSubqueries(havingInput, List.of(having), select.subqueries(), definitions);
    }
    LogicalPlan filtered = analyzer.filter(havingInput, having);
    return new Project(List.copyOf(itemColumns.subList(0, visibleCount)), filtered);
  }

  /** {@code GROUP BY 1} (an ordinal) or {@code GROUP BY alias} (of a select item that is not an input column). */
  private static UnresolvedExpression groupingOrSelectItem(UnresolvedExpression grouping,
      List<UnresolvedExpression> items, LogicalPlan child) {
    if (grouping instanceof LiteralValue(Integer position)) {
      if (position < 1 || position > items.size()) {
        throw new AnalysisFailure("[GROUP_BY_POS_OUT_OF_RANGE] GROUP BY position " + position
            + " is not in select list (valid range is [1, " + items.size() + "]).");
      }
      UnresolvedExpression item = items.get(position - 1);
      if (AggregateCalls.contains(item)) {
        throw new AnalysisFailure("[GROUP_BY_POS_AGGREGATE] GROUP BY " + position + " refers to an expression \""
            + item + "\" that contains an aggregate function.");
      }
      return item;
    }
    if (grouping instanceof ColumnName name && NameResolution.candidates(child.output(), name.name()).isEmpty()) {
      for (UnresolvedExpression item : items) {
        if (item instanceof Named named && named.name().equalsIgnoreCase(name.name())
            && !AggregateCalls.contains(named.child())) {
          return named;
        }
      }
    }
    return grouping;
  }

  /** {@code ORDER BY 1}: the output column at that position; other keys unchanged. */
  private static UnresolvedExpression ordinal(UnresolvedExpression key, List<AttributeReference> output, String clause) {
    if (key instanceof LiteralValue(Integer position)) {
      if (position < 1 || position > output.size()) {
        throw new AnalysisFailure("[ORDER_BY_POS_OUT_OF_RANGE] " + clause + " position " + position
            + " is not in select list (valid range is [1, " + output.size() + "]).");
      }
      return new BoundColumn(output.get(position - 1));
    }
    return key;
  }

  /** Replaces each aggregate call (of HAVING or ORDER BY) by a hidden column {@code prefix + i}, collecting the calls. */
  private static UnresolvedExpression hideAggregates(UnresolvedExpression expression, List<UnresolvedExpression> hidden,
      String prefix) {
    return switch (expression) {
      case FunctionCall call when AggregateCalls.NAMES.contains(call.name()) -> {
        int index = hidden.indexOf(call);
        if (index < 0) {
          index = hidden.size();
          hidden.add(call);
        }
        yield new ColumnName(prefix + index);
      }
      case FunctionCall call ->
          new FunctionCall(call.name(), call.arguments().stream().map(a -> hideAggregates(a, hidden, prefix)).toList());
      case CaseWhenCall caseWhen -> new CaseWhenCall(
          caseWhen.conditions().stream().map(c -> hideAggregates(c, hidden, prefix)).toList(),
          caseWhen.values().stream().map(v -> hideAggregates(v, hidden, prefix)).toList(),
          caseWhen.otherwise() == null ? null : hideAggregates(caseWhen.otherwise(), hidden, prefix));
      case UserFunctionApplication application -> new UserFunctionApplication(application.function(),
          application.arguments().stream().map(a -> hideAggregates(a, hidden, prefix)).toList());
      case CastTo cast -> new CastTo(hideAggregates(cast.child(), hidden, prefix), cast.type());
      case Named named -> new Named(hideAggregates(named.child(), hidden, prefix), named.name());
      case SortKey key -> new SortKey(hideAggregates(key.child(), hidden, prefix), key.ascending(), key.nullsFirst());
      case ColumnName name -> name;
      case BoundColumn bound -> bound;
      case LiteralValue literal -> literal;
    };
  }

  private LogicalPlan join(JoinNode join, Map<String, LogicalPlan> definitions) {
    LogicalPlan left = plan(join.left(), definitions);
    LogicalPlan right = plan(join.right(), definitions);
    if (!join.usingColumns().isEmpty()) {
      return analyzer.joinUsing(left, right, join.usingColumns(), join.joinType());
    }
    return analyzer.join(left, right, join.condition(), join.joinType());
  }

  /**
   * UNION [ALL]; INTERSECT and EXCEPT (distinct) as Spark plans them: a left semi or anti join on
   * null-safe equality of all columns ({@code a <=> b}), then distinct. The null-safe equality is
   * written as equi-join keys, as Spark's planner splits {@code <=>}, so that the join is a hash join
   * and not a nested loop: {@code coalesce(a, d) = coalesce(b, d) AND isnull(a) = isnull(b)}.
   */
  /**
   * {@code INTERSECT ALL} as Spark rewrites it: each side's rows tagged (1, 0) and (0, 1), the union
   * grouped by every column with both tags summed, the groups present on both sides kept, and each
   * repeated as many times as the smaller sum says ({@link ReplicateRows}).
   */
  private LogicalPlan intersectAll(LogicalPlan left, LogicalPlan right) {
    LogicalPlan counted = countOccurrences(
        analyzer.union(tagged(left, 1L, 0L), tagged(right, 0L, 1L)), 2);
    List<AttributeReference> output = counted.output();
    int columns = output.size() - 2;
    UnresolvedExpression leftCount = new BoundColumn(output.get(columns));
    UnresolvedExpression rightCount = new BoundColumn(output.get(columns + 1));
    LogicalPlan onBothSides = analyzer.filter(counted, new FunctionCall("and", List.of(
        new FunctionCall(">", List.of(leftCount, new LiteralValue(0L))),
        new FunctionCall(">", List.of(rightCount, new LiteralValue(0L))))));
    UnresolvedExpression smaller = new CaseWhenCall(
        List.of(new FunctionCall("<", List.of(leftCount, rightCount))), List.of(leftCount), rightCount);
    return replicated(onBothSides, smaller, columns);
  }

  /**
   * {@code EXCEPT ALL} as Spark rewrites it: the left's rows tagged 1, the right's -1, the union
   * grouped by every column with the tags summed, and each group with a positive sum repeated that
   * many times ({@link ReplicateRows}).
   */
  private LogicalPlan exceptAll(LogicalPlan left, LogicalPlan right) {
    LogicalPlan counted = countOccurrences(analyzer.union(tagged(left, 1L), tagged(right, -1L)), 1);
    List<AttributeReference> output = counted.output();
    int columns = output.size() - 1;
    UnresolvedExpression remaining = new BoundColumn(output.get(columns));
    LogicalPlan positive = analyzer.filter(counted, new FunctionCall(">", List.of(remaining, new LiteralValue(0L))));
    return replicated(positive, remaining, columns);
  }

  /** The plan's columns after {@code tags} BIGINT constants. */
  private LogicalPlan tagged(LogicalPlan plan, long... tags) {
    List<UnresolvedExpression> columns = new ArrayList<>();
    for (int i = 0; i < tags.length; i++) {
      columns.add(new UnresolvedExpression.Named(new LiteralValue(tags[i]), "__tag" + i));
    }
    for (AttributeReference attribute : plan.output()) {
      columns.add(new BoundColumn(attribute));
    }
    return analyzer.project(plan, columns);
  }

  /** Groups {@code tagged} by its columns after the {@code tagCount} tags; the output is the columns, then each tag's sum. */
  private LogicalPlan countOccurrences(LogicalPlan tagged, int tagCount) {
    List<AttributeReference> output = tagged.output();
    List<UnresolvedExpression> groupings = new ArrayList<>();
    for (AttributeReference attribute : output.subList(tagCount, output.size())) {
      groupings.add(new BoundColumn(attribute));
    }
    List<UnresolvedExpression> sums = new ArrayList<>();
    for (int i = 0; i < tagCount; i++) {
      sums.add(new UnresolvedExpression.Named(
          new FunctionCall("sum", List.of(new BoundColumn(output.get(i)))), "__count" + i));
    }
    return analyzer.aggregate(tagged, groupings, sums);
  }

  /** Each row of {@code counted}'s first {@code columns} columns, {@code count} times. */
  private LogicalPlan replicated(LogicalPlan counted, UnresolvedExpression count, int columns) {
    List<UnresolvedExpression> list = new ArrayList<>();
    list.add(new UnresolvedExpression.Named(count, "__replicas"));
    for (AttributeReference attribute : counted.output().subList(0, columns)) {
      list.add(new BoundColumn(attribute));
    }
    return new ReplicateRows(analyzer.project(counted, list));
  }

  private LogicalPlan setOperation(SetOperation operation, Map<String, LogicalPlan> definitions) {
    LogicalPlan left = plan(operation.left(), definitions);
    LogicalPlan right = plan(operation.right(), definitions);
    return switch (operation.operator()) {
      case UNION -> {
        LogicalPlan union = analyzer.union(left, right);
        yield operation.all() ? union : analyzer.distinct(union);
      }
      case INTERSECT, EXCEPT -> {
        String name = operation.operator().name();
        if (left.output().size() != right.output().size()) {
          throw new AnalysisFailure("[NUM_COLUMNS_MISMATCH] " + name + " can only be performed on inputs with the"
              + " same number of columns, but the first input has " + left.output().size()
              + " columns and the second input has " + right.output().size() + " columns.");
        }
        if (operation.all()) {
          yield operation.operator() == QueryNode.SetOperator.INTERSECT ? intersectAll(left, right) : exceptAll(left, right);
        }
        LogicalPlan separatedRight = SelfJoin.separate(left, right).right();
        List<UnresolvedExpression> equalities = new ArrayList<>();
        for (int i = 0; i < left.output().size(); i++) {
          BoundColumn leftColumn = new BoundColumn(left.output().get(i));
          BoundColumn rightColumn = new BoundColumn(separatedRight.output().get(i));
          equalities.add(nullSafeEqual(leftColumn, rightColumn));
        }
        UnresolvedExpression condition = equalities.get(0);
        for (int i = 1; i < equalities.size(); i++) {
          condition = new FunctionCall("and", List.of(condition, equalities.get(i)));
        }
        JoinType type = operation.operator() == QueryNode.SetOperator.INTERSECT ? JoinType.LEFT_SEMI : JoinType.LEFT_ANTI;
        yield analyzer.distinct(analyzer.join(left, separatedRight, condition, type));
      }
    };
  }
}
