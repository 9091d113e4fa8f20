package dev.ember.sql;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.catalyst.optimizer.Optimizer;
import dev.ember.catalyst.optimizer.OptimizerSettings;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.cluster.ExecutionEngines;
import dev.ember.cluster.MasterUrl;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.sql.internal.ConfigEntries;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The entry point of Ember, as Spark's {@code SparkSession}: builds DataFrames ({@link #read()},
 * {@link #range}, {@link #createDataFrame}) and runs their jobs on the executors it started for its
 * master ({@code local}, {@code local[N]}, {@code local[*]}). Get one with {@code
 * EmberSession.builder().master("local[4]").getOrCreate()}; close it (try-with-resources) to stop
 * the executors. Once stopped, actions fail with {@link IllegalStateException}.
 */
public final class EmberSession implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(EmberSession.class);
  private static final Object LOCK = new Object();
  private static EmberSession activeSession;

  private final String appName;
  private final String master;
  private final JobRunner jobRunner;
  private final RuntimeConfig conf;
  private final UDFRegistration udfRegistration = new UDFRegistration();
  private final Analyzer analyzer = new Analyzer(udfRegistration);
  private final CacheManager cacheManager = new CacheManager();
  /** Null when {@code ember.sql.planCache.maxEntries} is 0. */
  private final PlanCache planCache;
  private final Catalog catalog = new Catalog(this);
  private volatile SessionUi ui;
  /** The last optimizer built; any thread may replace it (a race builds one twice, harmlessly). */
  private volatile CachedOptimizer optimizer;
  /** The planner settings last derived; any thread may replace them (a race derives them twice, harmlessly). */
  private volatile CachedPlannerSettings plannerSettings;
  private volatile boolean stopped;

  private EmberSession(String appName, String master, JobRunner jobRunner, RuntimeConfig conf) {
    this.appName = appName;
    this.master = master;
    this.jobRunner = jobRunner;
    this.conf = conf;
    int planCacheEntries = ConfigEntries.planCacheMaxEntries(conf.get(ConfigEntries.PLAN_CACHE_MAX_ENTRIES));
    this.planCache = planCacheEntries == 0 ? null : new PlanCache(planCacheEntries);
    // Cached tables' exact row counts, for the estimates of the plans made after they are stored.
    // The manager itself, not a method reference: no lambda class to spin on the start path.
    jobRunner.setCachedBlockObserver(cacheManager);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The session {@link Builder#getOrCreate()} returns now, if one is running. */
  public static Optional<EmberSession> getActiveSession() {
    synchronized (LOCK) {
      return Optional.ofNullable(activeSession).filter(session -> !session.stopped);
    }
  }

  /** Starts executors for {@code master} through {@code engines} and wraps them in a session. */
  static EmberSession start(String appName, String master, Map<String, String> options, EngineStarter engines) {
    Map<String, String> engineSettings = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : ConfigEntries.defaults(1).entrySet()) {
      // Unset, the executor memory is sized by the executor from its own JVM's heap (Spark's local mode).
      if (ConfigEntries.isStatic(entry.getKey()) && !entry.getKey().equals(ConfigEntries.EXECUTOR_MEMORY)) {
        engineSettings.put(entry.getKey(), entry.getValue());
      }
    }
    for (Map.Entry<String, String> option : options.entrySet()) {
      // Test hooks of the engine (for example test.ember.failTasks) pass through unvalidated.
      if (ConfigEntries.isEmberKey(option.getKey()) || option.getKey().startsWith("test.ember.")) {
        engineSettings.put(option.getKey(), option.getValue());
      }
    }
    String ignored = ConfigEntries.ignoredSparkKeysWarning(options.keySet());
    if (ignored != null) {
      LOG.get().warn("{}", ignored);
    }
    JobRunner runner = engines.start(master, Map.copyOf(engineSettings));
    Map<String, String> defaults = ConfigEntries.defaults(runner.defaultParallelism());
    if (isLocal(master)) {
      // In one process the broadcast threshold follows executor memory; a set value still wins.
      long executorMemory = ConfigEntries.byteSize(ConfigEntries.EXECUTOR_MEMORY,
          options.getOrDefault(ConfigEntries.EXECUTOR_MEMORY, defaults.get(ConfigEntries.EXECUTOR_MEMORY)), false);
      defaults.put(ConfigEntries.AUTO_BROADCAST_JOIN_THRESHOLD, Long.toString(
          PlannerSettings.localAutoBroadcastJoinThreshold(executorMemory, runner.defaultParallelism())));
    }
    RuntimeConfig conf = new RuntimeConfig(options, defaults);
    EmberSession session = new EmberSession(appName, master, runner, conf);
    try {
      // The version is read (a resource of the jar) only by a UI or an event log that shows it.
      session.ui = SessionUi.start(appName, master, new VersionText(), conf, runner, session.cacheManager);
    } catch (RuntimeException uiFailed) {
      runner.close();
      throw uiFailed;
    }
    return session;
  }

  /** {@code local}, {@code local[N]}, {@code local[N,F]}, {@code local[*]}: every task in this JVM. */
  static boolean isLocal(String master) {
    return master.equals("local") || master.startsWith("local[");
  }

  public String appName() {
    return appName;
  }

  public String master() {
    return master;
  }

  /** Ember's version, for example {@code 0.1.0}. */
  public String version() {
    return Version.VALUE;
  }

  public RuntimeConfig conf() {
    return conf;
  }

  /** The session's user-defined functions by name, for SQL and {@code functions.call_udf} (Spark's {@code spark.udf()}). */
  public UDFRegistration udf() {
    return udfRegistration;
  }

  /**
   * The web UI's address ({@code http://127.0.0.1:4040}), as Spark's {@code uiWebUrl}; empty when
   * {@code ember.ui.enabled} is false.
   */
  public Optional<String> uiWebUrl() {
    SessionUi current = ui;
    return current == null ? Optional.empty() : current.url();
  }

  /** The number of task slots: the default partition count of range, createDataFrame and shuffles. */
  public int defaultParallelism() {
    return jobRunner().defaultParallelism();
  }

  /**
   * Registers a listener for every job, stage, task and executor event of this session. Events
   * arrive in order on the listener bus's thread, possibly after the action returned (see {@link
   * JobListener}); {@link #waitUntilListenerBusEmpty} waits for them.
   */
  public void addJobListener(JobListener listener) {
    jobRunner().addListener(Objects.requireNonNull(listener, "listener is null"));
  }

  /**
   * Waits until the job listeners received every event posted so far; false when {@code timeout}
   * passed first. An action's events reach listeners asynchronously, so code that reads what a
   * listener recorded right after an action calls this first.
   */
  public boolean waitUntilListenerBusEmpty(Duration timeout) {
    return jobRunner().waitUntilListenerBusEmpty(Objects.requireNonNull(timeout, "timeout is null"));
  }

  /** How many job events were dropped because a listener fell behind (Spark's dropped-event count). */
  public long droppedListenerEventCount() {
    return jobRunner().droppedListenerEventCount();
  }

  public void removeJobListener(JobListener listener) {
    jobRunner().removeListener(Objects.requireNonNull(listener, "listener is null"));
  }

  public DataFrameReader read() {
    assertNotStopped();
    return new DataFrameReader(this);
  }

  /**
   * A DataFrame of these rows, split into as many partitions as they fill batches of {@value
   * Batch#DEFAULT_ROWS} rows, at most {@link #defaultParallelism()} (see {@link
   * #localPartitionCount}): a small table is one partition, so a query over it runs as one task
   * without a shuffle.
   *
   * @throws IllegalArgumentException when a row does not fit the schema (naming the row index,
   *     the field and the types)
   */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    assertNotStopped();
    Objects.requireNonNull(rows, "rows is null");
    Objects.requireNonNull(schema, "schema is null");
    return createDataFrame(rows, schema, localPartitionCount(rows.size(), defaultParallelism()));
  }

  /**
   * A DataFrame of these rows in exactly {@code numPartitions} partitions (as Spark's {@code
   * parallelize(rows, numSlices)}), for example to spread a small table over every task slot.
   *
   * @throws IllegalArgumentException when {@code numPartitions} is not positive, or a row does not
   *     fit the schema (naming the row index, the field and the types)
   */
  public DataFrame createDataFrame(List<Row> rows, StructType schema, int numPartitions) {
    assertNotStopped();
    Objects.requireNonNull(rows, "rows is null");
    Objects.requireNonNull(schema, "schema is null");
    if (numPartitions < 1) {
      throw new IllegalArgumentException("The number of partitions of createDataFrame must be positive, got " + numPartitions);
    }
    List<Batch> partitions = RowConversion.toBatches(rows, schema, numPartitions);
    List<AttributeReference> output = TypeConversions.newAttributes(TypeConversions.toSchema(schema), false);
    return new DataFrame(this, new LocalRelation(output, partitions));
  }

  /**
   * How many partitions {@code rows} local rows get: one per {@value Batch#DEFAULT_ROWS} rows (a
   * batch), at least 1 and at most {@code parallelism}. Spark's rule for small inputs (a file under
   * its open cost is one split): a partition smaller than a batch buys no parallelism worth a
   * task, and one partition needs no shuffle below an aggregate, a sort or a join side.
   */
  static int localPartitionCount(int rows, int parallelism) {
    int batches = (int) Math.min(Integer.MAX_VALUE, ((long) rows + Batch.DEFAULT_ROWS - 1) / Batch.DEFAULT_ROWS);
    return Math.max(1, Math.min(parallelism, batches));
  }

  /** The numbers {@code 0 .. end-1} in one LONG column {@code id}. */
  public DataFrame range(long end) {
    return range(0, end);
  }

  /** The numbers {@code start .. end-1} in one LONG column {@code id}. */
  public DataFrame range(long start, long end) {
    return range(start, end, 1);
  }

  public DataFrame range(long start, long end, long step) {
    return range(start, end, step, defaultParallelism());
  }

  /**
   * The numbers {@code start, start+step, ...} up to {@code end} (exclusive) in {@code
   * numPartitions} partitions.
   */
  public DataFrame range(long start, long end, long step, int numPartitions) {
    assertNotStopped();
    if (step == 0) {
      throw new IllegalArgumentException("The step of range must not be 0");
    }
    if (numPartitions < 1) {
      throw new IllegalArgumentException("The number of partitions of range must be positive, got " + numPartitions);
    }
    AttributeReference id = new AttributeReference("id", ColumnType.LONG, false, ExpressionIds.next(), "");
    return new DataFrame(this, new RangeRelation(start, end, step, numPartitions, id));
  }

  /**
   * Runs one SQL statement: a query ({@code SELECT}, {@code WITH}, {@code VALUES}, set operations)
   * returns its lazy DataFrame, analyzed now; {@code EXPLAIN [EXTENDED|FORMATTED] query}, {@code
   * SHOW TABLES} and {@code DESCRIBE view} return their result as a DataFrame; {@code CREATE [OR
   * REPLACE] TEMPORARY VIEW v AS query | USING csv OPTIONS (path '...')} and {@code DROP VIEW}
   * change the {@link #catalog()} and return an empty DataFrame.
   *
   * @throws ParseException when the statement does not parse (line, column, token, caret excerpt)
   * @throws AnalysisException when a name or type does not resolve
   */
  public DataFrame sql(String sqlText) {
    Objects.requireNonNull(sqlText, "sqlText is null");
    assertNotStopped();
    return new SqlStatements(this).run(sqlText);
  }

  /**
   * The temporary view registered under this name (case-insensitive).
   *
   * @throws AnalysisException when there is none; the message lists the closest names
   */
  public DataFrame table(String tableName) {
    Objects.requireNonNull(tableName, "tableName is null");
    assertNotStopped();
    return new SqlStatements(this).table(tableName);
  }

  /** The session's temporary views: list, check and drop them. */
  public Catalog catalog() {
    return catalog;
  }

  /** An empty DataFrame with no columns. */
  public DataFrame emptyDataFrame() {
    return createDataFrame(List.of(), new StructType());
  }

  /** Stops the executors; idempotent. Afterwards actions fail with "session is stopped". */
  public void stop() {
    synchronized (LOCK) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (activeSession == this) {
        activeSession = null;
      }
    }
    cacheManager.clear();
    // Closing the executors drops their cached blocks and deletes the block files.
    try {
      jobRunner.close();
    } finally {
      SessionUi current = ui;
      if (current != null) {
        // After the runner: its listener bus delivered the last events to the UI's store.
        current.stop();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  public boolean isStopped() {
    return stopped;
  }

  @Override
  public String toString() {
    return "EmberSession[appName=" + appName + ", master=" + master + (stopped ? ", stopped" : "") + "]";
  }

  // ---- for DataFrame, its reader and writer ----

  Analyzer analyzer() {
    return analyzer;
  }

  CacheManager cacheManager() {
    return cacheManager;
  }

  JobRunner jobRunner() {
    assertNotStopped();
    return jobRunner;
  }

  int shufflePartitions() {
    return conf.shufflePartitions();
  }

  long autoBroadcastJoinThreshold() {
    return conf.autoBroadcastJoinThreshold();
  }

  /**
   * What one task may give a join's hash table: {@code ember.executor.memory} × 0.6 shared by the
   * executor's task slots; a shuffled join with no side under it is planned as a sort-merge join.
   */
  private long joinMemoryBudget(int slots) {
    long executorMemory = ConfigEntries.byteSize(ConfigEntries.EXECUTOR_MEMORY, conf.get(ConfigEntries.EXECUTOR_MEMORY), false);
    return PlannerSettings.joinMemoryBudget(executorMemory, slots);
  }

  /**
   * The optimizer hook: runs catalyst-lite's rule-based optimizer with the settings of this moment
   * ({@code ember.sql.optimizer.enabled}, {@code ember.sql.optimizer.excludedRules}).
   *
   * @throws IllegalArgumentException when an excluded rule name is not a rule (listing the known rules)
   */
  OptimizationResult optimize(LogicalPlan analyzed) {
    return optimizer().optimize(analyzed);
  }

  /**
   * The optimizer for the settings of this moment, built again only when they changed: building one
   * lists and checks every rule, a cost a small query would pay on every action. Rules hold no
   * state, so one optimizer serves every thread. The configuration's version spares a small query
   * even the reading of the two keys while no setting changed.
   */
  private Optimizer optimizer() {
    long version = conf.version();
    CachedOptimizer cached = optimizer;
    if (cached != null && cached.version() == version) {
      return cached.optimizer();
    }
    String enabledText = conf.get(ConfigEntries.OPTIMIZER_ENABLED);
    String excludedText = conf.get(ConfigEntries.OPTIMIZER_EXCLUDED_RULES);
    if (cached != null && cached.enabledText().equals(enabledText) && cached.excludedText().equals(excludedText)) {
      // Another key changed: the same optimizer, under the new version.
      optimizer = new CachedOptimizer(version, enabledText, excludedText, cached.optimizer());
      return cached.optimizer();
    }
    Set<String> excluded = new LinkedHashSet<>();
    for (String name : excludedText.split(",")) {
      if (!name.isBlank()) {
        excluded.add(name.trim());
      }
    }
    Optimizer built = new Optimizer(new OptimizerSettings(Boolean.parseBoolean(enabledText.trim()), excluded));
    optimizer = new CachedOptimizer(version, enabledText, excludedText, built);
    return built;
  }

  /** An optimizer, the two setting texts it was built from, and the configuration version they were read at. */
  private record CachedOptimizer(long version, String enabledText, String excludedText, Optimizer optimizer) {}

  /**
   * The physical planner's settings of this moment (shuffle partitions, broadcast threshold, each
   * task's join memory budget), derived again only when a setting or the number of task slots
   * changed: parsing them is a cost a small query would otherwise pay on every action.
   */
  PlannerSettings plannerSettings() {
    long version = conf.version();
    int slots = defaultParallelism();
    CachedPlannerSettings cached = plannerSettings;
    if (cached != null && cached.version() == version && cached.slots() == slots) {
      return cached.settings();
    }
    PlannerSettings settings = new PlannerSettings(shufflePartitions(), autoBroadcastJoinThreshold(), joinMemoryBudget(slots));
    plannerSettings = new CachedPlannerSettings(version, slots, settings);
    return settings;
  }

  /** Planner settings and the configuration version and slot count they were derived at. */
  private record CachedPlannerSettings(long version, int slots, PlannerSettings settings) {}

  /**
   * Everything outside a DataFrame's analyzed plan that its optimized and physical plans follow:
   * the settings (their version), the executors' task slots and the cached plans with what is known
   * of their sizes. While it stays equal, planning the same analyzed plan again gives the same plan.
   */
  PlanningState planningState() {
    return new PlanningState(conf.version(), defaultParallelism(), cacheManager.version());
  }

  /** The physical plans of the queries planned last (see {@link PlanCache}); null when turned off. */
  PlanCache planCache() {
    return planCache;
  }

  /** See {@link #planningState}. */
  record PlanningState(long settingsVersion, int slots, long cacheVersion) {
    // Written out, not generated: a record's equals and hashCode run through method handles
    // (see ColumnType), and every collect of a DataFrame run again compares two of these.
    @Override
    public boolean equals(Object other) {
      return this == other || other instanceof PlanningState that && settingsVersion == that.settingsVersion
          && slots == that.slots && cacheVersion == that.cacheVersion;
    }

    @Override
    public int hashCode() {
      return (Long.hashCode(settingsVersion) * 31 + slots) * 31 + Long.hashCode(cacheVersion);
    }
  }


  void assertNotStopped() {
    if (stopped) {
      throw new IllegalStateException(
          "session is stopped: EmberSession '" + appName + "' was stopped; start a new one with"
              + " EmberSession.builder().getOrCreate()");
    }
  }

  /** Starts the execution side; {@link ExecutionEngines#start} outside tests. */
  @FunctionalInterface
  interface EngineStarter {
    JobRunner start(String master, Map<String, String> settings);
  }

  /** {@link ExecutionEngines#start}: a named class, as every builder holds one (no lambda to spin on the start). */
  private static final class ExecutionEnginesStarter implements EngineStarter {
    static final EngineStarter INSTANCE = new ExecutionEnginesStarter();

    @Override
    public JobRunner start(String master, Map<String, String> settings) {
      return ExecutionEngines.start(master, settings);
    }
  }

  /** Builds or finds the session, as Spark's {@code SparkSession.Builder}. */
  public static final class Builder {
    private String appName = "ember";
    private String master;
    private final Map<String, String> options = new LinkedHashMap<>();
    private EngineStarter engines = ExecutionEnginesStarter.INSTANCE;

    private Builder() {}

    public Builder appName(String name) {
      this.appName = Objects.requireNonNull(name, "name is null");
      return this;
    }

    /**
     * {@code local}, {@code local[N]}, {@code local[*]} (the default), {@code local[N,F]},
     * {@code local-cluster[W,C,M]} or {@code ember://host:port}; see {@link MasterUrl}. Local masters make one
     * attempt per task, as Spark, and {@code local[N,F]} makes F; clusters make {@code ember.task.maxFailures}.
     */
    public Builder master(String master) {
      this.master = Objects.requireNonNull(master, "master is null");
      return this;
    }

    /**
     * Sets a configuration key (see DESIGN.md). Spark's names of Ember's settings (such as {@code
     * spark.sql.shuffle.partitions}) set the {@code ember.*} key; other keys are stored and do
     * nothing ({@code spark.*} ones are named in a warning when the session starts).
     *
     * @throws IllegalArgumentException for an unknown {@code ember.*} key (listing close matches)
     *     or a bad value
     */
    public Builder config(String key, String value) {
      ConfigEntries.validate(key, value);
      options.put(ConfigEntries.canonical(key), value);
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, Long.toString(value));
    }

    public Builder config(String key, double value) {
      return config(key, Double.toString(value));
    }

    public Builder config(String key, boolean value) {
      return config(key, Boolean.toString(value));
    }

    /** For tests: how executors are started. */
    Builder engines(EngineStarter starter) {
      this.engines = Objects.requireNonNull(starter, "starter is null");
      return this;
    }

    /**
     * The running session if there is one (this builder's runtime settings are applied to it;
     * its master and static settings are ignored with a warning), else a new session.
     *
     * @throws IllegalArgumentException for a master URL that does not parse
     * @throws IllegalStateException when a cluster master ({@code ember://host:port}) cannot be reached
     */
    public EmberSession getOrCreate() {
      synchronized (LOCK) {
        if (activeSession != null && !activeSession.stopped) {
          EmberSession session = activeSession;
          // As Spark's "Using an existing Spark session; only runtime SQL configurations will take effect."
          if (master != null && !master.equals(session.master)) {
            LOG.get().warn("Using the running EmberSession of master {}; master {} is ignored (stop the session first to"
                + " change it)", session.master, master);
          }
          Map<String, String> running = new LinkedHashMap<>();
          // getAll, not get: a static key may have no default (the secret, the TLS stores).
          Map<String, String> all = session.conf.getAll();
          for (String key : ConfigEntries.STATIC_KEYS) {
            running.put(key, all.get(key));
          }
          for (String conflict : ConfigEntries.staticSettingConflicts(running, options)) {
            LOG.get().warn("Using the running EmberSession: {} (static settings are read when a session starts)", conflict);
          }
          options.forEach(session.conf::setIfModifiable);
          return session;
        }
        String resolvedMaster = master == null ? "local[*]" : master;
        validateMaster(resolvedMaster);
        EmberSession session = start(appName, resolvedMaster, options, engines);
        activeSession = session;
        return session;
      }
    }

    /**
     * Parses the master URL with the one parser the backends use, so that a bad URL fails at
     * {@code getOrCreate()} with the accepted forms before anything starts.
     */
    static MasterUrl validateMaster(String master) {
      return MasterUrl.parse(master);
    }
  }

  /**
   * {@link Version#VALUE}, read (from the jar) when first asked for, not by the session's start;
   * a named class, not a lambda, on the start path.
   */
  private static final class VersionText implements Supplier<String> {
    @Override
    public String get() {
      return Version.VALUE;
    }
  }

  /** The version from the build (a filtered resource). */
  private static final class Version {
    static final String VALUE = load();

    private static String load() {
      Properties properties = new Properties();
      try (InputStream input = EmberSession.class.getResourceAsStream("ember-version.properties")) {
        if (input != null) {
          properties.load(input);
        }
      } catch (IOException unreadable) {
        return "unknown";
      }
      return properties.getProperty("version", "unknown");
    }
  }
}
