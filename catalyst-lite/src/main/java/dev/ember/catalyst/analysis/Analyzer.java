package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds analyzed logical plans one operation at a time: each method takes analyzed children and
 * unresolved arguments, resolves names against the children's output, checks and coerces types
 * with Spark's rules, and returns an analyzed node, or throws {@link AnalysisFailure} at once
 * (eager analysis). Shared by the DataFrame DSL and the SQL front end ({@code dev.ember.catalyst.parser}):
 * every node of an analyzed plan is built here, so both give the same plans. Thread-safe: its one field is the session's registry of user functions.
 *
 * <p>Self-joins: when both sides of a join output the same attribute ids (a DataFrame joined with
 * itself or with a DataFrame derived from it), the right side is re-aliased with fresh ids. Columns
 * named through {@code df.alias("a")} / {@code col("a.x")} then resolve to one side each; a column
 * bound to a DataFrame ({@code df.col("x")}) whose id both sides share is ambiguous and fails, as
 * in Spark with {@code spark.sql.analyzer.failAmbiguousSelfJoin}.
 */
public final class Analyzer {
  private final UserFunctionRegistry userFunctions;

  /** An analyzer that knows no user-defined function by name. */
  public Analyzer() {
    this(UserFunctionRegistry.NONE);
  }

  /** Whether {@code name} (lower case) is a function the analyzer resolves itself, which no user function may shadow. */
  public static boolean isBuiltInFunction(String name) {
    return FunctionResolver.isBuiltIn(name);
  }

  /** An analyzer whose SQL and {@code call_udf} calls also find the session's registered functions. */
  public Analyzer(UserFunctionRegistry functions) {
    this.userFunctions = Objects.requireNonNull(functions, "functions is null");
  }

  /** {@code select(columns...)}; {@code *} and {@code t.*} expand; aggregate calls make it a global aggregate, as in Spark. */
  public LogicalPlan project(LogicalPlan child, List<UnresolvedExpression> columns) {
    Objects.requireNonNull(columns, "columns is null");
    Objects.requireNonNull(child, "child is null");
    if (columns.stream().anyMatch(AggregateCalls::contains)) {
      return aggregate(child, List.of(), columns);
    }
    ExpressionResolver resolver = new ExpressionResolver(userFunctions, child.output(), "select");
    List<Expression> projectList = new ArrayList<>();
    for (UnresolvedExpression column : columns) {
      if (column instanceof ColumnName name && NameResolution.isStar(name.name())) {
        projectList.addAll(NameResolution.expandStar(child.output(), name.name()));
      } else {
        projectList.add(named(column, resolver.resolve(column)));
      }
    }
    return new Project(projectList, child);
  }

  /** {@code withColumn(name, column)}: replaces a column of that name in place, or appends. */
  public LogicalPlan withColumn(LogicalPlan child, String name, UnresolvedExpression column) {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(name, "name is null");
    Expression value = new ExpressionResolver(userFunctions, child.output(), "withColumn").resolve(column);
    List<Expression> projectList = new ArrayList<>();
    boolean replaced = false;
    for (AttributeReference attribute : child.output()) {
      if (attribute.name().equalsIgnoreCase(name)) {
        projectList.add(new Alias(value, name, ExpressionIds.next()));
        replaced = true;
      } else {
        projectList.add(attribute);
      }
    }
    if (!replaced) {
      projectList.add(new Alias(value, name, ExpressionIds.next()));
    }
    return new Project(projectList, child);
  }

  /**
   * {@code filter(condition)}: the condition must be BOOLEAN. As in Spark, it may read a column
   * that a projection right below dropped ({@code select("a").filter(col("b").gt(1))}).
   */
  public LogicalPlan filter(LogicalPlan child, UnresolvedExpression condition) {
    Objects.requireNonNull(condition, "condition is null");
    return MissingColumns.resolve(userFunctions, child, "filter", resolver -> {
      Expression resolved = resolver.resolve(condition);
      return List.of(requireCondition(condition, resolved, "Filter"));
    }, (resolved, input) -> new Filter(resolved.get(0), input));
  }

  /**
   * {@code groupBy(groupings).agg(aggregates)}: the output is the groupings then the aggregate
   * columns; expressions over aggregates get a projection above the aggregate.
   */
  public LogicalPlan aggregate(
      LogicalPlan child, List<UnresolvedExpression> groupings, List<UnresolvedExpression> aggregates) {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(groupings, "groupings is null");
    Objects.requireNonNull(aggregates, "aggregates is null");
    ExpressionResolver groupingResolver = new ExpressionResolver(userFunctions, child.output(), "groupBy");
    List<Expression> groupingList = new ArrayList<>();
    for (UnresolvedExpression grouping : groupings) {
      groupingList.add(named(grouping, groupingResolver.resolve(grouping)));
    }
    // Expressions equal to a computed grouping read the grouping's attribute instead.
    Map<Expression, AttributeReference> computedGroupings = new HashMap<>();
    Set<Long> availableIds = new HashSet<>();
    for (Expression grouping : groupingList) {
      AttributeReference attribute = Project.toAttribute(grouping);
      availableIds.add(attribute.id());
      if (grouping instanceof Alias alias) {
        computedGroupings.putIfAbsent(alias.child(), attribute);
      }
    }

    List<AggregateFunction> functions = new ArrayList<>();
    List<AttributeReference> results = new ArrayList<>();
    ExpressionResolver.AggregateCollector collector = (function, displayName) -> {
      int known = functions.indexOf(function);
      if (known >= 0) {
        return results.get(known);
      }
      AttributeReference result = new AttributeReference(
          displayName, function.resultType(), function.nullable(), ExpressionIds.next(), "");
      functions.add(function);
      results.add(result);
      availableIds.add(result.id());
      return result;
    };
    ExpressionResolver resolver = new ExpressionResolver(userFunctions, child.output(), "agg", collector, Set.of());
    List<Expression> columns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (UnresolvedExpression aggregate : aggregates) {
      Expression resolved = replaceGroupings(resolver.resolve(aggregate), computedGroupings);
      for (AttributeReference reference : Expressions.references(resolved)) {
        if (!availableIds.contains(reference.id())) {
          throw new AnalysisFailure("[MISSING_AGGREGATION] expression \"" + reference.name() + "\" is neither present in"
              + " the group by, nor is it an aggregate function. Add to group by or wrap in first() if you don't care"
              + " which value you get. Grouping columns: "
              + groupingList.stream().map(g -> NameResolution.quoted(Project.toAttribute(g).name())).toList() + "; in \""
              + aggregate + "\".");
        }
      }
      columns.add(resolved);
      names.add(outputName(aggregate, resolved));
    }

    List<Long> resultIds = new ArrayList<>(results.size());
    for (AttributeReference result : results) {
      resultIds.add(result.id());
    }
    boolean eachColumnOneCall = columns.size() == functions.size() && eachColumnOneCall(columns, resultIds);
    if (eachColumnOneCall) {
      List<NamedAggregate> namedAggregates = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        int index = resultIds.indexOf(((AttributeReference) columns.get(i)).id());
        namedAggregates.add(new NamedAggregate(functions.get(index), names.get(i), resultIds.get(index)));
      }
      return new Aggregate(groupingList, namedAggregates, child);
    }
    List<NamedAggregate> namedAggregates = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      namedAggregates.add(new NamedAggregate(functions.get(i), results.get(i).name(), results.get(i).id()));
    }
    Aggregate aggregate = new Aggregate(groupingList, namedAggregates, child);
    List<Expression> projectList = new ArrayList<>();
    for (Expression grouping : groupingList) {
      projectList.add(Project.toAttribute(grouping));
    }
    for (int i = 0; i < columns.size(); i++) {
      Expression column = columns.get(i);
      projectList.add(column instanceof AttributeReference attribute && attribute.name().equals(names.get(i))
          ? attribute
          : new Alias(column, names.get(i), ExpressionIds.next()));
    }
    return new Project(projectList, aggregate);
  }

  /**
   * Whether each column is the result of an aggregate call, a different one each: then the
   * aggregate needs no projection above it. Loops, not streams: this runs for every groupBy, mostly
   * interpreted in a young JVM.
   */
  private static boolean eachColumnOneCall(List<Expression> columns, List<Long> resultIds) {
    Set<Long> seen = new HashSet<>();
    for (Expression column : columns) {
      if (!(column instanceof AttributeReference attribute) || !resultIds.contains(attribute.id())
          || !seen.add(attribute.id())) {
        return false;
      }
    }
    return true;
  }

  /** {@code join(right, condition, type)}; a null condition is allowed for inner and cross joins only. */
  public LogicalPlan join(LogicalPlan left, LogicalPlan right, UnresolvedExpression condition, JoinType joinType) {
    return join(left, right, condition, joinType, false, false);
  }

  /** {@link #join(LogicalPlan, LogicalPlan, UnresolvedExpression, JoinType)} with broadcast hints ({@code broadcast(df)}). */
  public LogicalPlan join(LogicalPlan left, LogicalPlan right, UnresolvedExpression condition, JoinType joinType,
      boolean broadcastLeft, boolean broadcastRight) {
    Objects.requireNonNull(joinType, "joinType is null");
    SelfJoin sides = SelfJoin.separate(left, right);
    if (condition == null) {
      if (joinType != JoinType.CROSS && joinType != JoinType.INNER) {
        throw new AnalysisFailure("A " + joinType.sparkName() + " join needs a join condition; use crossJoin for a"
            + " cartesian product.");
      }
      return new Join(left, sides.right(), joinType, null, broadcastLeft, broadcastRight);
    }
    List<AttributeReference> input = new ArrayList<>(left.output());
    input.addAll(sides.right().output());
    Expression resolved = new ExpressionResolver(userFunctions, input, "join", null, sides.ambiguousIds()).resolve(condition);
    return new Join(left, sides.right(), joinType, requireCondition(condition, resolved, "Join"), broadcastLeft,
        broadcastRight);
  }

  /** {@code join(right, usingColumns, type)}: output the using columns once, then the left's others, then the right's. */
  public LogicalPlan joinUsing(LogicalPlan left, LogicalPlan right, List<String> usingColumns, JoinType joinType) {
    return joinUsing(left, right, usingColumns, joinType, false, false);
  }

  /** {@link #joinUsing(LogicalPlan, LogicalPlan, List, JoinType)} with broadcast hints. */
  public LogicalPlan joinUsing(LogicalPlan left, LogicalPlan right, List<String> usingColumns, JoinType joinType,
      boolean broadcastLeft, boolean broadcastRight) {
    Objects.requireNonNull(joinType, "joinType is null");
    SelfJoin sides = SelfJoin.separate(left, right);
    LogicalPlan newRight = sides.right();
    List<AttributeReference> leftKeys = new ArrayList<>();
    List<AttributeReference> rightKeys = new ArrayList<>();
    for (String name : usingColumns) {
      leftKeys.add(usingColumn(left, name, "left"));
      rightKeys.add(usingColumn(newRight, name, "right"));
    }
    List<AttributeReference> input = new ArrayList<>(left.output());
    input.addAll(newRight.output());
    ExpressionResolver resolver = new ExpressionResolver(userFunctions, input, "join");
    List<Expression> equalities = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++) {
      equalities.add(resolver.resolve(new FunctionCall("=",
          List.of(new BoundColumn(leftKeys.get(i)), new BoundColumn(rightKeys.get(i))))));
    }
    Expression condition = equalities.isEmpty() ? null : Expressions.and(equalities);
    if (condition == null && joinType != JoinType.INNER && joinType != JoinType.CROSS) {
      throw new AnalysisFailure("A " + joinType.sparkName() + " join needs at least one using column.");
    }
    Join join = new Join(left, newRight, joinType, condition, broadcastLeft, broadcastRight);

    Map<Long, AttributeReference> joined = new LinkedHashMap<>();
    for (AttributeReference attribute : join.output()) {
      joined.putIfAbsent(attribute.id(), attribute);
    }
    Set<Long> keyIds = new HashSet<>();
    List<Expression> projectList = new ArrayList<>();
    for (int i = 0; i < leftKeys.size(); i++) {
      AttributeReference leftKey = leftKeys.get(i);
      AttributeReference rightKey = rightKeys.get(i);
      keyIds.add(leftKey.id());
      keyIds.add(rightKey.id());
      switch (joinType) {
        case INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> projectList.add(joined.get(leftKey.id()));
        case RIGHT_OUTER -> projectList.add(joined.get(rightKey.id()));
        case FULL_OUTER -> {
          AttributeReference leftValue = joined.get(leftKey.id());
          AttributeReference rightValue = joined.get(rightKey.id());
          ColumnType type = TypeCoercion.widerCommon(leftValue.type(), rightValue.type());
          projectList.add(new Alias(new Coalesce(List.of(TypeCoercion.cast(leftValue, type),
              TypeCoercion.cast(rightValue, type))), leftKey.name(), ExpressionIds.next()));
        }
      }
    }
    for (AttributeReference attribute : left.output()) {
      if (!keyIds.contains(attribute.id())) {
        projectList.add(joined.get(attribute.id()));
      }
    }
    if (joinType.outputsRight()) {
      for (AttributeReference attribute : newRight.output()) {
        if (!keyIds.contains(attribute.id())) {
          projectList.add(joined.get(attribute.id()));
        }
      }
    }
    return new Project(projectList, join);
  }

  /**
   * {@code orderBy(keys)}: a key without a direction sorts ascending, nulls first. As in Spark, a
   * key may name a column that a projection right below dropped ({@code select("a").orderBy("b")}).
   */
  public LogicalPlan sort(LogicalPlan child, List<UnresolvedExpression> keys) {
    Objects.requireNonNull(keys, "keys is null");
    List<Boolean> ascending = new ArrayList<>();
    List<Boolean> nullsFirst = new ArrayList<>();
    List<UnresolvedExpression> values = new ArrayList<>();
    for (UnresolvedExpression key : keys) {
      boolean directed = key instanceof SortKey;
      SortKey sortKey = directed ? (SortKey) key : new SortKey(key, true, true);
      values.add(sortKey.child());
      ascending.add(sortKey.ascending());
      nullsFirst.add(sortKey.nullsFirst());
    }
    return MissingColumns.resolve(userFunctions, child, "orderBy", resolver -> values.stream().map(resolver::resolve).toList(),
        (resolved, input) -> {
          List<SortOrder> orders = new ArrayList<>();
          for (int i = 0; i < resolved.size(); i++) {
            orders.add(new SortOrder(resolved.get(i), ascending.get(i), nullsFirst.get(i)));
          }
          return new Sort(orders, input);
        });
  }

  /** {@code union}: by position; column counts must match and types are widened. */
  public LogicalPlan union(LogicalPlan left, LogicalPlan right) {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    List<AttributeReference> leftOutput = left.output();
    List<AttributeReference> rightOutput = right.output();
    if (leftOutput.size() != rightOutput.size()) {
      throw new AnalysisFailure("[NUM_COLUMNS_MISMATCH] Union can only be performed on inputs with the same number of"
          + " columns, but the first input has " + leftOutput.size() + " columns and the second input has "
          + rightOutput.size() + " columns.");
    }
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < leftOutput.size(); i++) {
      ColumnType type = TypeCoercion.widerCommon(leftOutput.get(i).type(), rightOutput.get(i).type());
      if (type == null) {
        throw new AnalysisFailure("[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on tables with compatible"
            + " column types. The " + ordinal(i) + " column of the second table is "
            + TypeNames.quoted(rightOutput.get(i).type()) + " type which is not compatible with "
            + TypeNames.quoted(leftOutput.get(i).type()) + " at the same column of the first table ("
            + NameResolution.quoted(leftOutput.get(i).name()) + ").");
      }
      types.add(type);
    }
    return new Union(List.of(castColumns(left, types), castColumns(right, types)));
  }

  /** {@code unionByName}: the right's columns are matched to the left's by name. */
  public LogicalPlan unionByName(LogicalPlan left, LogicalPlan right) {
    List<AttributeReference> rightOutput = right.output();
    List<Expression> reordered = new ArrayList<>();
    for (AttributeReference attribute : left.output()) {
      List<AttributeReference> matches = rightOutput.stream()
          .filter(candidate -> candidate.name().equalsIgnoreCase(attribute.name())).toList();
      if (matches.isEmpty()) {
        throw new AnalysisFailure("[UNRESOLVED_COLUMN] Cannot resolve column name \"" + attribute.name()
            + "\" among (" + String.join(", ", rightOutput.stream().map(AttributeReference::name).toList())
            + ") of the second input of unionByName.");
      }
      if (matches.size() > 1) {
        throw new AnalysisFailure("[AMBIGUOUS_REFERENCE] Column \"" + attribute.name()
            + "\" appears more than once in the second input of unionByName: " + matches + ".");
      }
      reordered.add(matches.get(0));
    }
    if (reordered.size() != rightOutput.size()) {
      throw new AnalysisFailure("[NUM_COLUMNS_MISMATCH] Union can only be performed on inputs with the same number of"
          + " columns, but the first input has " + left.output().size() + " columns and the second input has "
          + rightOutput.size() + " columns.");
    }
    boolean sameOrder = true;
    for (int i = 0; i < reordered.size(); i++) {
      sameOrder &= reordered.get(i) == rightOutput.get(i);
    }
    return union(left, sameOrder ? right : new Project(reordered, right));
  }

  /**
   * {@code dropDuplicates(columns)}: keeps the first row of each group of equal values of these
   * columns; no columns means all columns ({@link Distinct}). The other columns keep their ids (as
   * Spark's rewrite to an aggregate with {@code first} does), so columns bound to the DataFrame
   * still resolve.
   */
  public LogicalPlan dropDuplicates(LogicalPlan child, List<String> columns) {
    Objects.requireNonNull(columns, "columns is null");
    if (columns.isEmpty()) {
      return distinct(child);
    }
    List<AttributeReference> output = child.output();
    Map<Long, AttributeReference> keys = new LinkedHashMap<>();
    for (String name : columns) {
      List<AttributeReference> matches = output.stream().filter(a -> a.name().equalsIgnoreCase(name)).toList();
      if (matches.isEmpty()) {
        throw new AnalysisFailure("[UNRESOLVED_COLUMN] Cannot resolve column name \"" + name + "\" among ("
            + String.join(", ", output.stream().map(AttributeReference::name).toList()) + ").");
      }
      matches.forEach(match -> keys.putIfAbsent(match.id(), match));
    }
    List<NamedAggregate> firsts = new ArrayList<>();
    Set<Long> seen = new HashSet<>(keys.keySet());
    for (AttributeReference attribute : output) {
      if (seen.add(attribute.id())) {
        firsts.add(new NamedAggregate(
            AggregateFunction.of(AggregateKind.FIRST, List.of(attribute)), attribute.name(), attribute.id()));
      }
    }
    Aggregate aggregate = new Aggregate(new ArrayList<>(keys.values()), firsts, child);
    Map<Long, AttributeReference> byId = new HashMap<>();
    aggregate.output().forEach(attribute -> byId.putIfAbsent(attribute.id(), attribute));
    List<Expression> projectList = new ArrayList<>();
    for (AttributeReference attribute : output) {
      projectList.add(byId.get(attribute.id()));
    }
    return projectList.equals(aggregate.output()) ? aggregate : new Project(projectList, aggregate);
  }

  /** {@code repartition(n, keys)} (shuffle) or {@code coalesce(n)} (no shuffle). */
  public LogicalPlan repartition(LogicalPlan child, int partitionCount, boolean shuffle, List<UnresolvedExpression> keys) {
    Objects.requireNonNull(keys, "keys is null");
    if (partitionCount < 1) {
      throw new AnalysisFailure("Number of partitions (" + partitionCount + ") must be positive.");
    }
    ExpressionResolver resolver = new ExpressionResolver(userFunctions, child.output(), shuffle ? "repartition" : "coalesce");
    List<Expression> resolved = new ArrayList<>();
    for (UnresolvedExpression key : keys) {
      resolved.add(resolver.resolve(key));
    }
    if (!shuffle && !resolved.isEmpty()) {
      throw new AnalysisFailure("coalesce merges partitions without a shuffle and takes no partitioning columns.");
    }
    return new Repartition(partitionCount, shuffle, resolved, child);
  }

  /** The attribute named {@code name} in the plan's output ({@code df.col(name)}), qualified names allowed. */
  public AttributeReference resolveColumn(LogicalPlan plan, String name) {
    Objects.requireNonNull(name, "name is null");
    if (NameResolution.isStar(name)) {
      throw new AnalysisFailure("[INVALID_USAGE_OF_STAR_OR_REGEX] " + NameResolution.quoted(name)
          + " names several columns; use select(\"" + name + "\").");
    }
    return NameResolution.resolve(plan.output(), name);
  }

  /** Resolves and type-checks one expression against a plan's output (no aggregate functions). */
  public Expression resolve(UnresolvedExpression expression, LogicalPlan input) {
    Objects.requireNonNull(expression, "expression is null");
    return new ExpressionResolver(userFunctions, input.output(), "expression").resolve(expression);
  }

  /** {@code relation.alias(name)}: {@code name.x} then resolves. */
  public LogicalPlan alias(LogicalPlan child, String alias) {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(alias, "alias is null");
    return new SubqueryAlias(alias, child);
  }

  /** {@code limit(n)} and SQL's {@code LIMIT n}: the first {@code n} rows; {@code n} must not be negative. */
  public LogicalPlan limit(LogicalPlan child, int count) {
    Objects.requireNonNull(child, "child is null");
    if (count < 0) {
      throw new AnalysisFailure("The limit expression must be equal to or greater than 0, but got " + count);
    }
    return new Limit(count, child);
  }

  /** {@code distinct()} and SQL's {@code SELECT DISTINCT}: the distinct rows over all columns. */
  public LogicalPlan distinct(LogicalPlan child) {
    Objects.requireNonNull(child, "child is null");
    return new Distinct(child);
  }

  /** A column of a projection or grouping: a column reference keeps its attribute; anything else gets an alias with its display name. */
  private static Expression named(UnresolvedExpression column, Expression resolved) {
    if (column instanceof Named named) {
      return new Alias(resolved, named.name(), ExpressionIds.next());
    }
    if (resolved instanceof AttributeReference attribute && (column instanceof ColumnName || column instanceof BoundColumn)) {
      return attribute;
    }
    return new Alias(resolved, DisplayNames.of(column), ExpressionIds.next());
  }

  private static String outputName(UnresolvedExpression column, Expression resolved) {
    if (column instanceof Named named) {
      return named.name();
    }
    if (resolved instanceof AttributeReference attribute && (column instanceof ColumnName || column instanceof BoundColumn)) {
      return attribute.name();
    }
    return DisplayNames.of(column);
  }

  /** Replaces, top-down, each subexpression equal to a computed grouping by that grouping's attribute. */
  private static Expression replaceGroupings(Expression expression, Map<Expression, AttributeReference> groupings) {
    AttributeReference grouping = groupings.get(expression);
    if (grouping != null) {
      return grouping;
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> newChildren = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression newChild = replaceGroupings(child, groupings);
      changed |= newChild != child;
      newChildren.add(newChild);
    }
    return changed ? expression.withChildren(newChildren) : expression;
  }

  private static Expression requireCondition(UnresolvedExpression written, Expression resolved, String operator) {
    if (Literals.isUntypedNull(resolved)) {
      return Literal.nullOf(ColumnType.BOOLEAN);
    }
    if (resolved.type().kind() != TypeKind.BOOLEAN) {
      throw new AnalysisFailure(ExpressionResolver.mismatch(written, operator + " expression \"" + written
          + "\" of type " + TypeNames.quoted(resolved.type()) + " is not a boolean.",
          operator.equals("Filter") ? "FILTER_NOT_BOOLEAN" : "JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE"));
    }
    return resolved;
  }

  private static AttributeReference usingColumn(LogicalPlan side, String name, String sideName) {
    List<AttributeReference> matches = NameResolution.candidates(side.output(), name);
    if (matches.isEmpty()) {
      throw new AnalysisFailure("[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column " + NameResolution.quoted(name)
          + " cannot be resolved on the " + sideName + " side of the join. The " + sideName + "-side columns: ["
          + String.join(", ", side.output().stream().map(a -> NameResolution.quoted(a.name())).toList()) + "].");
    }
    if (matches.size() > 1) {
      throw new AnalysisFailure("[AMBIGUOUS_REFERENCE] USING column " + NameResolution.quoted(name)
          + " is ambiguous on the " + sideName + " side of the join, could be: "
          + matches.stream().map(NameResolution::quotedQualified).toList() + ".");
    }
    return matches.get(0);
  }

  private static LogicalPlan castColumns(LogicalPlan plan, List<ColumnType> types) {
    List<AttributeReference> output = plan.output();
    boolean same = true;
    for (int i = 0; i < output.size(); i++) {
      same &= output.get(i).type().equals(types.get(i));
    }
    if (same) {
      return plan;
    }
    List<Expression> projectList = new ArrayList<>();
    for (int i = 0; i < output.size(); i++) {
      AttributeReference attribute = output.get(i);
      projectList.add(attribute.type().equals(types.get(i))
          ? attribute
          : new Alias(TypeCoercion.cast(attribute, types.get(i)), attribute.name(), ExpressionIds.next()));
    }
    return new Project(projectList, plan);
  }

  private static String ordinal(int index) {
    return switch (index) {
      case 0 -> "first";
      case 1 -> "second";
      case 2 -> "third";
      default -> (index + 1) + "th";
    };
  }
}
