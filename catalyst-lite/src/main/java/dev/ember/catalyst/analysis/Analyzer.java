package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.List;

/**
 * Builds analyzed logical plans one operation at a time: each method takes analyzed children and
 * unresolved arguments, resolves names against the children's output, checks and coerces types
 * with Spark's rules, and returns an analyzed node, or throws {@link AnalysisFailure} at once
 * (eager analysis). Shared by the DataFrame DSL and, later, SQL. Stateless and thread-safe.
 */
public final class Analyzer {

  /** {@code select(columns...)}; {@code *} and {@code t.*} expand; aggregates are not allowed here. */
  public LogicalPlan project(LogicalPlan child, List<UnresolvedExpression> columns) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code withColumn(name, column)}: replaces a column of that name in place, or appends. */
  public LogicalPlan withColumn(LogicalPlan child, String name, UnresolvedExpression column) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code filter(condition)}: the condition must be BOOLEAN. */
  public LogicalPlan filter(LogicalPlan child, UnresolvedExpression condition) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * {@code groupBy(groupings).agg(aggregates)}: the output is the groupings then the aggregate
   * columns; expressions over aggregates get a projection above the aggregate.
   */
  public LogicalPlan aggregate(
      LogicalPlan child, List<UnresolvedExpression> groupings, List<UnresolvedExpression> aggregates) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code join(right, condition, type)}; a null condition is allowed for cross joins only. */
  public LogicalPlan join(LogicalPlan left, LogicalPlan right, UnresolvedExpression condition, JoinType joinType) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code join(right, usingColumns, type)}: output the using columns once, then the left's others, then the right's. */
  public LogicalPlan joinUsing(LogicalPlan left, LogicalPlan right, List<String> usingColumns, JoinType joinType) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code orderBy(keys)}: a key without a direction sorts ascending, nulls first. */
  public LogicalPlan sort(LogicalPlan child, List<UnresolvedExpression> keys) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code union}: by position; column counts must match and types are widened. */
  public LogicalPlan union(LogicalPlan left, LogicalPlan right) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code unionByName}: the right's columns are matched to the left's by name. */
  public LogicalPlan unionByName(LogicalPlan left, LogicalPlan right) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code dropDuplicates(columns)}: keeps the first row of each group of equal values of these columns. */
  public LogicalPlan dropDuplicates(LogicalPlan child, List<String> columns) {
    throw new UnsupportedOperationException("not yet");
  }

  /** {@code repartition(n, keys)} (shuffle) or {@code coalesce(n)} (no shuffle). */
  public LogicalPlan repartition(LogicalPlan child, int partitionCount, boolean shuffle, List<UnresolvedExpression> keys) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The attribute named {@code name} in the plan's output ({@code df.col(name)}), qualified names allowed. */
  public AttributeReference resolveColumn(LogicalPlan plan, String name) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Resolves and type-checks one expression against a plan's output. */
  public Expression resolve(UnresolvedExpression expression, LogicalPlan input) {
    throw new UnsupportedOperationException("not yet");
  }
}
