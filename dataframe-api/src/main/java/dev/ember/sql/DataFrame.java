package dev.ember.sql;

import dev.ember.catalyst.analysis.AnalysisFailure;
import dev.ember.catalyst.explain.ExplainMode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.storage.StorageMode;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A distributed table, as Spark's {@code Dataset<Row>}: an immutable, lazily evaluated query.
 * Transformations ({@code select}, {@code filter}, {@code groupBy}, {@code join}...) return new
 * DataFrames and run nothing, but they are analyzed at once: a wrong column name or a type error
 * throws {@link AnalysisException} on the line that wrote it. Actions ({@code count}, {@code
 * collect}, {@code show}, {@code write}) plan the query and run it as a job on the session's
 * executors.
 */
public final class DataFrame {
  private static final int SHOW_DEFAULT_ROWS = 20;
  private static final int SHOW_DEFAULT_TRUNCATE = 20;

  private final EmberSession session;
  private final LogicalPlan plan;
  private final boolean broadcastHint;
  /** The statement of {@code session.sql} that made this DataFrame (its jobs are described by it), else null. */
  private final String sqlText;
  private volatile StorageLevel storageLevel = StorageLevel.NONE;
  /** The last collect's and the last count's executions, see {@link #executionForAction}. */
  private final AtomicReference<QueryExecution> lastCollect = new AtomicReference<>();
  private final AtomicReference<QueryExecution> lastCount = new AtomicReference<>();

  DataFrame(EmberSession session, LogicalPlan plan) {
    this(session, plan, false, null);
  }

  private DataFrame(EmberSession session, LogicalPlan plan, boolean broadcastHint, String sqlText) {
    this.session = Objects.requireNonNull(session, "session is null");
    this.plan = Objects.requireNonNull(plan, "plan is null");
    this.broadcastHint = broadcastHint;
    this.sqlText = sqlText;
  }

  /** This DataFrame as the result of the SQL statement {@code text}: its jobs name the statement. */
  DataFrame withSqlText(String text) {
    return new DataFrame(session, plan, broadcastHint, Objects.requireNonNull(text, "text is null"));
  }

  // ---- plumbing ----

  EmberSession session() {
    return session;
  }

  /** The session this DataFrame belongs to. */
  public EmberSession sparkSession() {
    return session;
  }

  /** The analyzed logical plan (developer API). */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  /** How an action would run this DataFrame now (developer API). */
  public QueryExecution queryExecution() {
    return new QueryExecution(session, plan, sqlText);
  }

  /**
   * The execution an action runs: the last action's, while the session's planning state is the one
   * it was planned in, else a new one. A DataFrame run again is planned once, as Spark plans a
   * Dataset once, yet planned anew after a setting, the executors or a cache changed.
   */
  private QueryExecution executionForAction(AtomicReference<QueryExecution> last, LogicalPlan actionPlan) {
    QueryExecution previous = last.get();
    if (previous != null && previous.plannedIn(session.planningState())) {
      return previous;
    }
    QueryExecution fresh = new QueryExecution(session, actionPlan, sqlText);
    last.set(fresh);
    return fresh;
  }

  /** The execution the last collect ran, null before one; for tests. */
  QueryExecution lastCollectExecution() {
    return lastCollect.get();
  }

  /** The execution the last count ran, null before one; for tests. */
  QueryExecution lastCountExecution() {
    return lastCount.get();
  }

  /** A new DataFrame of the plan {@code build} analyzes; analysis failures become AnalysisException here. */
  DataFrame derive(Supplier<LogicalPlan> build) {
    return new DataFrame(session, analyze(build));
  }

  private static LogicalPlan analyze(Supplier<LogicalPlan> build) {
    try {
      return build.get();
    } catch (AnalysisFailure failure) {
      throw new AnalysisException(failure.getMessage(), failure);
    }
  }

  DataFrame withBroadcastHint() {
    return new DataFrame(session, plan, true, sqlText);
  }

  /** Whether {@link functions#broadcast} marked this DataFrame. */
  boolean hasBroadcastHint() {
    return broadcastHint;
  }

  private static List<UnresolvedExpression> expressions(Column[] columns) {
    List<UnresolvedExpression> expressions = new ArrayList<>(columns.length);
    for (Column column : columns) {
      expressions.add(Objects.requireNonNull(column, "column is null").expression());
    }
    return expressions;
  }

  private static List<UnresolvedExpression> names(String[] names) {
    List<UnresolvedExpression> expressions = new ArrayList<>(names.length);
    for (String name : names) {
      expressions.add(new ColumnName(Objects.requireNonNull(name, "column name is null")));
    }
    return expressions;
  }

  // ---- schema ----

  public StructType schema() {
    return TypeConversions.toStructType(plan.output());
  }

  public String[] columns() {
    return schema().fieldNames();
  }

  /** Prints the schema as a tree: {@code root} then {@code " |-- a: integer (nullable = true)"}. */
  public void printSchema() {
    System.out.println(schema().treeString());
  }

  // ---- transformations ----

  public DataFrame select(Column... columns) {
    return derive(() -> session.analyzer().project(plan, expressions(columns)));
  }

  public DataFrame select(String... columnNames) {
    return derive(() -> session.analyzer().project(plan, names(columnNames)));
  }

  /** No columns at all (one empty row per input row). */
  public DataFrame select() {
    return derive(() -> session.analyzer().project(plan, List.of()));
  }

  public DataFrame filter(Column condition) {
    return derive(() -> session.analyzer().filter(plan, condition.expression()));
  }

  public DataFrame where(Column condition) {
    return filter(condition);
  }

  /** Adds a column, or replaces the column of that name in its position. */
  public DataFrame withColumn(String name, Column column) {
    Objects.requireNonNull(name, "name is null");
    return derive(() -> session.analyzer().withColumn(plan, name, column.expression()));
  }

  /** Renames every column named {@code existing} (case-insensitive); a missing name is a no-op. */
  public DataFrame withColumnRenamed(String existing, String newName) {
    Objects.requireNonNull(existing, "existing is null");
    Objects.requireNonNull(newName, "newName is null");
    List<UnresolvedExpression> projection = new ArrayList<>();
    boolean found = false;
    for (AttributeReference attribute : plan.output()) {
      if (attribute.name().equalsIgnoreCase(existing)) {
        projection.add(new Named(new BoundColumn(attribute), newName));
        found = true;
      } else {
        projection.add(new BoundColumn(attribute));
      }
    }
    if (!found) {
      return this;
    }
    return derive(() -> session.analyzer().project(plan, projection));
  }

  /** Drops the columns with these names (case-insensitive); missing names are a no-op. */
  public DataFrame drop(String... columnNames) {
    List<UnresolvedExpression> projection = new ArrayList<>();
    for (AttributeReference attribute : plan.output()) {
      boolean dropped = false;
      for (String name : columnNames) {
        dropped |= attribute.name().equalsIgnoreCase(name);
      }
      if (!dropped) {
        projection.add(new BoundColumn(attribute));
      }
    }
    if (projection.size() == plan.output().size()) {
      return this;
    }
    return derive(() -> session.analyzer().project(plan, projection));
  }

  /** The same rows with the columns renamed, in order. */
  public DataFrame toDF(String... newNames) {
    List<AttributeReference> output = plan.output();
    if (newNames.length == 0) {
      return this;
    }
    if (newNames.length != output.size()) {
      throw new IllegalArgumentException(
          "The number of columns doesn't match. Old column names (" + output.size() + "): "
              + String.join(", ", columns()) + " New column names (" + newNames.length + "): "
              + String.join(", ", newNames));
    }
    List<UnresolvedExpression> projection = new ArrayList<>(output.size());
    for (int i = 0; i < newNames.length; i++) {
      projection.add(new Named(new BoundColumn(output.get(i)), newNames[i]));
    }
    return derive(() -> session.analyzer().project(plan, projection));
  }

  /** A global aggregate: {@code groupBy()}. */
  public GroupedData groupBy() {
    return new GroupedData(this, List.of());
  }

  public GroupedData groupBy(Column... columns) {
    return new GroupedData(this, expressions(columns));
  }

  public GroupedData groupBy(String... columnNames) {
    return new GroupedData(this, names(columnNames));
  }

  /** A global aggregate: one row. */
  public DataFrame agg(Column aggregate, Column... aggregates) {
    return groupBy().agg(aggregate, aggregates);
  }

  /** Inner join on a condition: {@code a.join(b, a.col("id").equalTo(b.col("id")))}. */
  public DataFrame join(DataFrame right, Column condition) {
    return join(right, condition, "inner");
  }

  /**
   * Join on a condition; {@code joinType} is one of inner, cross, outer, full, fullouter,
   * full_outer, left, leftouter, left_outer, right, rightouter, right_outer, semi, leftsemi,
   * left_semi, anti, leftanti, left_anti.
   */
  public DataFrame join(DataFrame right, Column condition, String joinType) {
    JoinType type = JoinType.fromSparkName(Objects.requireNonNull(joinType, "joinType is null"));
    UnresolvedExpression on = Objects.requireNonNull(condition, "condition is null").expression();
    return joined(right, () -> session.analyzer().join(plan, right.plan, on, type, broadcastHint, right.broadcastHint));
  }

  /** Inner equi-join on a column both sides have; the output has it once, first. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  public DataFrame join(DataFrame right, List<String> usingColumns) {
    return join(right, usingColumns, "inner");
  }

  /** Equi-join on columns both sides have: the using columns, then the left's others, then the right's. */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    JoinType type = JoinType.fromSparkName(Objects.requireNonNull(joinType, "joinType is null"));
    List<String> using = List.copyOf(usingColumns);
    return joined(right, () -> session.analyzer().joinUsing(plan, right.plan, using, type, broadcastHint, right.broadcastHint));
  }

  /** Every pair of rows (Spark's join without a condition). */
  public DataFrame join(DataFrame right) {
    return crossJoin(right);
  }

  public DataFrame crossJoin(DataFrame right) {
    return joined(right, () -> session.analyzer().join(plan, right.plan, null, JoinType.CROSS, broadcastHint, right.broadcastHint));
  }

  private DataFrame joined(DataFrame right, Supplier<LogicalPlan> build) {
    Objects.requireNonNull(right, "right is null");
    return new DataFrame(session, analyze(build));
  }

  public DataFrame orderBy(Column... sortKeys) {
    return derive(() -> session.analyzer().sort(plan, expressions(sortKeys)));
  }

  public DataFrame orderBy(String... columnNames) {
    return derive(() -> session.analyzer().sort(plan, names(columnNames)));
  }

  public DataFrame sort(Column... sortKeys) {
    return orderBy(sortKeys);
  }

  public DataFrame sort(String... columnNames) {
    return orderBy(columnNames);
  }

  /** The first {@code n} rows. */
  public DataFrame limit(int n) {
    return derive(() -> session.analyzer().limit(plan, n));
  }

  public DataFrame distinct() {
    return derive(() -> session.analyzer().distinct(plan));
  }

  /** The distinct rows (all columns). */
  public DataFrame dropDuplicates() {
    return distinct();
  }

  /** One row (the first) for each distinct combination of these columns. */
  public DataFrame dropDuplicates(String... columnNames) {
    if (columnNames.length == 0) {
      return distinct();
    }
    List<String> names = List.of(columnNames);
    return derive(() -> session.analyzer().dropDuplicates(plan, names));
  }

  /** All rows of both, matched by position (UNION ALL, as Spark's union). */
  public DataFrame union(DataFrame other) {
    return derive(() -> session.analyzer().union(plan, other.plan));
  }

  public DataFrame unionAll(DataFrame other) {
    return union(other);
  }

  /** All rows of both, the other's columns matched to this one's by name. */
  public DataFrame unionByName(DataFrame other) {
    return derive(() -> session.analyzer().unionByName(plan, other.plan));
  }

  /** Round-robin into {@code numPartitions} partitions (a shuffle). */
  public DataFrame repartition(int numPartitions) {
    return derive(() -> session.analyzer().repartition(plan, numPartitions, true, List.of()));
  }

  /** Hash-partitions by these columns into {@code numPartitions} partitions (a shuffle). */
  public DataFrame repartition(int numPartitions, Column... partitionColumns) {
    return derive(() -> session.analyzer().repartition(plan, numPartitions, true, expressions(partitionColumns)));
  }

  /** Hash-partitions by these columns into {@code ember.sql.shuffle.partitions} partitions. */
  public DataFrame repartition(Column... partitionColumns) {
    return repartition(session.shufflePartitions(), partitionColumns);
  }

  /** Merges partitions down to {@code numPartitions} without a shuffle. */
  public DataFrame coalesce(int numPartitions) {
    return derive(() -> session.analyzer().repartition(plan, numPartitions, false, List.of()));
  }

  /** Names this DataFrame so that {@code col("alias.name")} resolves (self-joins). */
  public DataFrame alias(String alias) {
    Objects.requireNonNull(alias, "alias is null");
    return new DataFrame(session, analyze(() -> session.analyzer().alias(plan, alias)), broadcastHint, null);
  }

  public DataFrame as(String alias) {
    return alias(alias);
  }

  /**
   * This DataFrame's column {@code name}, bound to it: in a join of two DataFrames that both have
   * {@code name}, {@code left.col(name)} means the left's. {@code "*"} is every column.
   */
  public Column col(String name) {
    Objects.requireNonNull(name, "name is null");
    if (name.equals("*") || name.endsWith(".*")) {
      return new Column(new ColumnName(name));
    }
    return new Column(new BoundColumn(analyzeColumn(name)));
  }

  private AttributeReference analyzeColumn(String name) {
    try {
      return session.analyzer().resolveColumn(plan, name);
    } catch (AnalysisFailure failure) {
      throw new AnalysisException(failure.getMessage(), failure);
    }
  }

  // ---- caching ----

  /** Same as {@code persist(StorageLevel.MEMORY_AND_DISK)}. */
  public DataFrame cache() {
    return persist(StorageLevel.MEMORY_AND_DISK);
  }

  /** Same as {@link #cache()}. */
  public DataFrame persist() {
    return persist(StorageLevel.MEMORY_AND_DISK);
  }

  /**
   * Keeps this DataFrame's partitions on the executors at {@code level} once an action computed
   * them: later actions on this DataFrame, and on DataFrames derived from it, read the cached
   * partitions instead of recomputing them (explain shows an {@code InMemoryTableScan}). Lazy, as
   * in Spark; a partition that was evicted or lost is recomputed from its plan. Replication
   * ({@code _2} levels) is ignored in local mode; serialized levels keep batches as the
   * deserialized ones do.
   *
   * @throws IllegalArgumentException for {@link StorageLevel#NONE}
   */
  public DataFrame persist(StorageLevel level) {
    Objects.requireNonNull(level, "level is null");
    StorageMode mode = storageMode(level);
    session.assertNotStopped();
    session.cacheManager().register(plan, mode, analyzed -> new QueryExecution(session, analyzed).physical());
    this.storageLevel = level;
    return this;
  }

  private static StorageMode storageMode(StorageLevel level) {
    if (level.useMemory() && level.useDisk()) {
      return StorageMode.MEMORY_AND_DISK;
    }
    if (level.useMemory()) {
      return StorageMode.MEMORY_ONLY;
    }
    if (level.useDisk()) {
      return StorageMode.DISK_ONLY;
    }
    throw new IllegalArgumentException("persist needs a storage level that uses memory or disk, got " + level
        + "; use unpersist() to stop caching");
  }

  /** Stops caching this DataFrame's plan and drops its cached partitions on the executors. */
  public DataFrame unpersist() {
    this.storageLevel = StorageLevel.NONE;
    var cacheId = session.cacheManager().remove(plan);
    if (cacheId.isPresent() && !session.isStopped()) {
      session.jobRunner().removeCache(cacheId.getAsInt());
    }
    return this;
  }

  public DataFrame unpersist(boolean blocking) {
    return unpersist();
  }

  /** The level asked for with {@link #persist}, {@link StorageLevel#NONE} if none. */
  public StorageLevel storageLevel() {
    return storageLevel;
  }

  // ---- actions ----

  /** The number of rows. */
  public long count() {
    session.assertNotStopped();
    QueryExecution previous = lastCount.get();
    LogicalPlan counted = previous != null ? previous.analyzed() : analyze(() -> session.analyzer().aggregate(
        plan, List.of(), List.of(new Named(new FunctionCall("count_star", List.of()), "count"))));
    List<Row> rows = executionForAction(lastCount, counted).collect("count");
    if (rows.size() != 1) {
      throw new IllegalStateException("a global count returned " + rows.size() + " rows instead of one");
    }
    return rows.get(0).getLong(0);
  }

  public List<Row> collectAsList() {
    return executionForAction(lastCollect, plan).collect("collect");
  }

  public Row[] collect() {
    return collectAsList().toArray(new Row[0]);
  }

  /** The first {@code n} rows. */
  public Row[] take(int n) {
    return new QueryExecution(session, limit(n).plan, sqlText).collect("take " + n).toArray(new Row[0]);
  }

  public List<Row> takeAsList(int n) {
    return Arrays.asList(take(n));
  }

  /** The first row. @throws NoSuchElementException when there is none */
  public Row head() {
    Row[] rows = take(1);
    if (rows.length == 0) {
      throw new NoSuchElementException("next on empty iterator: the DataFrame has no rows");
    }
    return rows[0];
  }

  public Row[] head(int n) {
    return take(n);
  }

  public Row first() {
    return head();
  }

  public boolean isEmpty() {
    return take(1).length == 0;
  }

  /** Prints the first 20 rows as a table, cells cut to 20 characters. */
  public void show() {
    show(SHOW_DEFAULT_ROWS);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(boolean truncate) {
    show(SHOW_DEFAULT_ROWS, truncate);
  }

  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? SHOW_DEFAULT_TRUNCATE : 0);
  }

  /** @param truncate the maximum cell width; 0 shows whole cells, left-aligned */
  public void show(int numRows, int truncate) {
    show(numRows, truncate, false);
  }

  /** @param vertical one block per row instead of a table */
  public void show(int numRows, int truncate, boolean vertical) {
    System.out.println(showString(numRows, truncate, vertical));
  }

  /** The text {@link #show(int, int, boolean)} prints (without its final newline). */
  public String showString(int numRows, int truncate, boolean vertical) {
    int shown = Math.max(0, Math.min(numRows, Integer.MAX_VALUE - 1));
    List<Row> rows = new QueryExecution(session, limit(shown + 1).plan, sqlText).collect("show");
    return ShowFormatter.format(columns(), rows, shown, truncate, vertical);
  }

  /** Prints the physical plan. */
  public void explain() {
    explain("simple");
  }

  /** Prints the physical plan; with {@code extended}, the logical plans too. */
  public void explain(boolean extended) {
    explain(extended ? "extended" : "simple");
  }

  /**
   * Prints the plans: {@code simple} (the physical plan with its stage boundaries), {@code
   * extended} (parsed, analyzed and optimized logical plans, then the physical plan), {@code
   * formatted} (numbered operators grouped by stage, each narrow or wide), {@code rules} (each
   * optimizer rule that changed the plan, with the plan after it). See {@link ExplainMode}.
   *
   * @throws IllegalArgumentException for another mode (Spark's {@code codegen} and {@code cost}
   *     included), listing the accepted ones
   */
  public void explain(String mode) {
    System.out.println(explainString(mode));
  }

  /**
   * The text {@link #explain(String)} prints. Mode {@code graph} writes the stage graph as a
   * picture ({@link #explainGraph()}) and returns the file's path.
   */
  public String explainString(String mode) {
    Objects.requireNonNull(mode, "mode is null");
    if (mode.trim().equalsIgnoreCase("graph")) {
      return explainGraph().toString();
    }
    return queryExecution().explainString(mode);
  }

  /**
   * Writes a self-contained HTML file (in {@code java.io.tmpdir}) with this DataFrame's stage graph
   * drawn as the web UI draws a job's (stages, operators, shuffle edges, legend), without running
   * anything; returns its path.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public java.nio.file.Path explainGraph() {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("ember-stages-", ".html");
      return explainGraph(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not create the stage graph's file in java.io.tmpdir", e);
    }
  }

  /** Writes the stage graph page of {@link #explainGraph()} to {@code file} (replacing it); returns it. */
  public java.nio.file.Path explainGraph(java.nio.file.Path file) {
    Objects.requireNonNull(file, "file is null");
    String html = dev.ember.ui.render.GraphPage.html("Stages of " + session.appName(), stages());
    try {
      return java.nio.file.Files.writeString(file, html);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not write the stage graph to " + file, e);
    }
  }

  /**
   * The stages an action on this DataFrame would run now, as data: stage ids within the job (the
   * {@code stageKey} the job's stage events carry), kinds, task counts, parent stages and each
   * stage's operators, narrow or wide, cut by the DAG scheduler's own stage walk. Render it with {@link StageGraph#toDot()} or {@link
   * StageGraph#toMermaid()}.
   */
  public StageGraph stages() {
    return queryExecution().stageGraph();
  }

  /**
   * Registers this DataFrame as a temporary view of its session, replacing one of the same name
   * (case-insensitive); {@code session.sql("... FROM viewName")} and {@code session.table(viewName)}
   * then read it.
   */
  public void createOrReplaceTempView(String viewName) {
    session.catalog().register(Objects.requireNonNull(viewName, "viewName is null"), plan, true);
  }

  /**
   * Registers this DataFrame as a temporary view of its session.
   *
   * @throws AnalysisException when a view of that name exists
   */
  public void createTempView(String viewName) {
    session.catalog().register(Objects.requireNonNull(viewName, "viewName is null"), plan, false);
  }

  public DataFrameWriter write() {
    return new DataFrameWriter(this);
  }

  /** Spark's rendering: {@code [id: bigint, name: string]}. */
  @Override
  public String toString() {
    StructType schema = schema();
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < schema.length(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(schema.apply(i).name()).append(": ").append(schema.apply(i).dataType().simpleString());
    }
    return text.append(']').toString();
  }
}
