package dev.ember.sql;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.explain.ExplainMode;
import dev.ember.catalyst.explain.Explainer;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.catalyst.plan.CanonicalPlan;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.JobFailedException;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * How one action runs a DataFrame, as Spark's {@code QueryExecution} (developer API): the analyzed
 * plan, the optimized plan, the physical plan for the session's current settings, the job, and the
 * conversion of its batches to rows at the edge.
 */
public final class QueryExecution {
  private final EmberSession session;
  private final LogicalPlan analyzed;
  /** The SQL statement the plan came from, or null for the DataFrame DSL. */
  private final String sqlText;
  private OptimizationResult optimization;
  private PhysicalPlan physical;
  /** The session's planning state when the plans were made; null when it changed while they were. */
  private EmberSession.PlanningState plannedIn;

  QueryExecution(EmberSession session, LogicalPlan analyzed) {
    this(session, analyzed, null);
  }

  QueryExecution(EmberSession session, LogicalPlan analyzed, String sqlText) {
    this.session = session;
    this.analyzed = analyzed;
    this.sqlText = sqlText;
  }

  public LogicalPlan analyzed() {
    return analyzed;
  }

  public synchronized LogicalPlan optimized() {
    return optimization().plan();
  }

  /** The optimized plan with every rule application that changed it, in order (for explain("rules")). */
  public synchronized OptimizationResult optimization() {
    if (optimization == null) {
      // Read first: a change racing with the planning makes the plan stale, never falsely current.
      plannedIn = session.planningState();
      // Cached sub-plans are replaced first, so the optimizer sees their relations as leaves.
      optimization = session.optimize(session.cacheManager().useCachedData(analyzed));
    }
    return optimization;
  }

  /**
   * The physical plan: the one the session's {@link PlanCache} keeps for an equal query (up to the
   * ids of the columns it computes) planned in the session's current state, else this plan
   * optimized and planned, and kept there. A plan found leaves {@link #optimization()} to be made
   * when asked ({@code explain}).
   */
  public synchronized PhysicalPlan physical() {
    if (physical == null) {
      PlanCache cache = session.planCache();
      CanonicalPlan key = cache == null ? null : CanonicalPlan.of(analyzed);
      if (key != null) {
        EmberSession.PlanningState state = session.planningState();
        PhysicalPlan found = cache.find(key, state);
        if (found != null) {
          physical = found;
          plannedIn = state;
          return physical;
        }
      }
      LogicalPlan optimized = optimized();
      EmberSession.PlanningState state = session.planningState();
      physical = new PhysicalPlanner(plannerSettings()).plan(optimized);
      if (!state.equals(plannedIn)) {
        plannedIn = null; // optimized and planned under different states: never reused
      } else if (key != null) {
        cache.keep(key, state, physical);
      }
    }
    return physical;
  }

  /**
   * Whether both plans are made and were made in {@code state}: an action may then run this
   * execution again instead of planning anew.
   */
  synchronized boolean plannedIn(EmberSession.PlanningState state) {
    return physical != null && state.equals(plannedIn);
  }

  /** The session's shuffle partitions, broadcast threshold, and each task's join memory budget. */
  PlannerSettings plannerSettings() {
    return session.plannerSettings();
  }

  /**
   * Runs the plan and returns each partition's result, in partition order. The job's description
   * is {@code action} followed by the SQL statement or, for the DSL, the user's call site (see
   * {@link JobDescriptions}).
   */
  List<PartitionResult> run(ResultAction action, String actionName) {
    session.assertNotStopped();
    JobRunner runner = session.jobRunner();
    try {
      // A listener shows every job's description: made now with a walk bounded by the call site.
      // Else it is made only if a failure's message needs it, from the stack captured now.
      return runner.hasListeners()
          ? runner.runJob(physical(), action, JobDescriptions.describe(actionName, sqlText))
          : runner.runJob(physical(), action, JobDescriptions.describeLater(actionName, sqlText));
    } catch (JobFailedException failure) {
      // The engine's exceptions live in internal packages: users catch EmberException, as SparkException.
      throw EmberException.of(failure);
    }
  }

  /** Runs the plan and returns its rows, partition by partition. */
  List<Row> collect(String description) {
    StructType schema = TypeConversions.toStructType(analyzed.output());
    List<Row> rows = new ArrayList<>();
    for (PartitionResult result : run(new ResultAction.Collect(), description)) {
      if (!(result instanceof PartitionResult.Collected collected)) {
        throw new IllegalStateException("a collect job returned " + result.getClass().getSimpleName());
      }
      for (var batch : collected.batches()) {
        rows.addAll(RowConversion.toRows(batch, schema));
      }
    }
    return rows;
  }

  /**
   * The text {@code explain(mode)} prints, see {@link ExplainMode}.
   *
   * @throws IllegalArgumentException for another mode, listing the accepted ones
   */
  String explainString(String mode) {
    ExplainMode parsed = ExplainMode.parse(mode);
    return new Explainer(analyzed, optimization(), physical()).explain(parsed);
  }

  /** The stages the physical plan runs as, cut as the DAG scheduler cuts it. */
  public StageGraph stageGraph() {
    return StageGraph.of(physical());
  }
}
