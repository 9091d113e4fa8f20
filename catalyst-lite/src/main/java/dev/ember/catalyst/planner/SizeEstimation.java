package dev.ember.catalyst.planner;

import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.source.FileSplit;
import dev.ember.core.vector.Batch;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Estimates of a logical plan's output, in rows and bytes, for automatic broadcast joins and the
 * optimizer's join reordering. Leaves: exact row counts for local data, ranges and cached tables
 * whose blocks are all stored ({@link dev.ember.catalyst.plan.CachedRowCounts}), file bytes for
 * CSV (rows = bytes / the row width of its columns); a row width from the column types (Spark's
 * default sizes, 20 bytes for a string). Then:
 *
 * <ul>
 *   <li>a filter, and a CSV scan's pushed filters, scale the rows by {@link FilterSelectivity};
 *   <li>a projection (and a scan that reads some columns only) keeps the rows at its own width;
 *   <li>a global aggregate is one row; a grouped one keeps {@value #GROUPS_PER_ROW} of its input's
 *       rows (no statistics say how many groups there are; a quarter stays on the safe, large side
 *       of TPC-H's groupings);
 *   <li>an equi-join is taken for a foreign-key join: each row of the side over more unfiltered
 *       rows ({@link #unfilteredRowCount}) meets at most one row of the other, so the output has
 *       that side's rows times the share of the other side's rows its filters keep (times the
 *       selectivity of the rest of the condition); outer joins keep at least their preserved side, a full outer join
 *       both; a semi join its left side times the share of the right's rows the right's filters keep, an anti
 *       join at most its left side; a join without keys is the product;
 *   <li>sort, repartition, alias, distinct keep their input; a limit caps it; a union adds up.
 * </ul>
 *
 * Saturates at {@link Long#MAX_VALUE}.
 *
 * <p>The static methods estimate one plan. A planning that asks about many subtrees of one plan (the
 * physical planner at every join, join reordering for every input and every partial chain) uses
 * one instance from {@link #memoized()}: it remembers each node's estimates by identity, so that a
 * subtree is estimated once, not again at every level above it. Estimates are a function of the
 * node, so the answers are those of the static methods. An instance belongs to the thread that
 * plans with it and lives as long as that one planning.
 */
public final class SizeEstimation {
  /** The share of a grouped aggregate's input rows estimated to be distinct groups. */
  public static final double GROUPS_PER_ROW = 0.25;

  /** Per node (by identity), its estimated rows with filters applied. */
  private final Map<LogicalPlan, Double> filteredRows = new IdentityHashMap<>();
  /** Per node (by identity), its estimated rows with every filter taken to keep all rows. */
  private final Map<LogicalPlan, Double> unfilteredRows = new IdentityHashMap<>();

  /** Per join (by identity), its condition split into keys and residual. */
  private final Map<Join, JoinKeys> joinKeys = new IdentityHashMap<>();

  private SizeEstimation() {}

  /** An estimator that remembers the estimates of the nodes it saw, for one planning on one thread. */
  public static SizeEstimation memoized() {
    return new SizeEstimation();
  }

  /** The estimated output size of the plan in bytes (also used by the optimizer's join reordering). */
  public static long sizeInBytes(LogicalPlan plan) {
    return new SizeEstimation().estimatedSizeInBytes(plan);
  }

  /** The estimated output row count of the plan (fractional: selectivities multiply). */
  public static double rowCount(LogicalPlan plan) {
    return new SizeEstimation().estimatedRowCount(plan);
  }

  /**
   * The estimated row count of the plan with every filter taken to keep all rows: the size of the
   * tables it reads, which filters do not change. Join reordering compares these to tell a fact
   * table from the dimensions it references (a key's side has no more rows than the rows that
   * reference it).
   */
  public static double unfilteredRowCount(LogicalPlan plan) {
    return new SizeEstimation().estimatedUnfilteredRowCount(plan);
  }

  /** {@link #sizeInBytes}, remembering the estimates of the plan's nodes. */
  public long estimatedSizeInBytes(LogicalPlan plan) {
    // A range's one column is a LONG.
    long width = plan instanceof RangeRelation ? 8 : rowWidth(plan.output());
    return toLong(rows(plan, true) * width);
  }

  /** {@link #rowCount}, remembering the estimates of the plan's nodes. */
  public double estimatedRowCount(LogicalPlan plan) {
    return rows(plan, true);
  }

  /** {@link #unfilteredRowCount}, remembering the estimates of the plan's nodes. */
  public double estimatedUnfilteredRowCount(LogicalPlan plan) {
    return rows(plan, false);
  }

  private double rows(LogicalPlan plan, boolean filtered) {
    Map<LogicalPlan, Double> memo = filtered ? filteredRows : unfilteredRows;
    Double known = memo.get(plan);
    if (known != null) {
      return known;
    }
    double rows = computeRows(plan, filtered);
    memo.put(plan, rows);
    return rows;
  }

  private double computeRows(LogicalPlan plan, boolean filtered) {
    // Loops, not streams: planning runs on every action, mostly interpreted in a young JVM.
    return switch (plan) {
      case LocalRelation relation -> {
        long rows = 0;
        for (Batch batch : relation.partitions()) {
          rows += batch.rowCount();
        }
        yield rows;
      }
      case RangeRelation range -> rangeRows(range);
      case InMemoryRelation cached -> {
        // Once every block is stored, the exact rows (with or without filters: the cache is the table read).
        OptionalLong exact = cached.rowCounts().total();
        yield exact.isPresent() ? exact.getAsLong() : rows(cached.cachedPlan(), filtered);
      }
      case CsvRelation csv -> {
        long fileBytes = 0;
        for (FileSplit split : csv.splits()) {
          fileBytes = add(fileBytes, split.length());
        }
        double rows = (double) fileBytes / rowWidth(csv.dataColumns());
        if (filtered) {
          for (Expression filter : csv.pushedFilters()) {
            rows *= FilterSelectivity.of(filter);
          }
        }
        yield rows;
      }
      case Project project -> rows(project.child(), filtered);
      case Filter filter -> rows(filter.child(), filtered) * (filtered ? FilterSelectivity.of(filter.condition()) : 1);
      case Aggregate aggregate -> aggregate.groupings().isEmpty()
          ? 1
          : Math.min(rows(aggregate.child(), filtered), Math.max(1, rows(aggregate.child(), filtered) * GROUPS_PER_ROW));
      case Join join -> joinRows(join, filtered);
      case Sort sort -> rows(sort.child(), filtered);
      case Limit limit -> Math.min(rows(limit.child(), filtered), limit.limit());
      // Counts are unknown before running; a row kept by INTERSECT/EXCEPT ALL usually appears a few times.
      case ReplicateRows replicate -> rows(replicate.child(), filtered);
      // A stream's sum (compensated), as before: a plain loop could differ in the last bits.
      case Union union -> union.children().stream().mapToDouble(child -> rows(child, filtered)).sum();
      case Distinct distinct -> rows(distinct.child(), filtered);
      case Repartition repartition -> rows(repartition.child(), filtered);
      case SubqueryAlias alias -> rows(alias.child(), filtered);
    };
  }

  private double joinRows(Join join, boolean filtered) {
    double left = rows(join.left(), filtered);
    double right = rows(join.right(), filtered);
    JoinKeys keys = joinKeys.get(join);
    if (keys == null) {
      // Once per join, not once for the filtered and again for the unfiltered estimate: both outputs are walks of the subtrees.
      keys = JoinKeys.extract(join.condition(), join.left().output(), join.right().output());
      joinKeys.put(join, keys);
    }
    if (!keys.isEquiJoin()) {
      double product = left * right * (join.condition() == null ? 1 : FilterSelectivity.of(join.condition()));
      return switch (join.joinType()) {
        case INNER, CROSS -> product;
        case LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> Math.max(left, product);
        case RIGHT_OUTER -> Math.max(right, product);
        case FULL_OUTER -> Math.max(left + right, product);
      };
    }
    double residual = 1;
    for (Expression conjunct : keys.residual()) {
      residual *= filtered ? FilterSelectivity.of(conjunct) : 1;
    }
    // A foreign-key join: the side over more (unfiltered) rows references the other, so each of its
    // rows meets at most one row of the other, and the other side's filters drop their share of it.
    double leftTables = filtered ? rows(join.left(), false) : left;
    double rightTables = filtered ? rows(join.right(), false) : right;
    double matched = leftTables >= rightTables
        ? left * Math.min(1, right / Math.max(1, rightTables)) * residual
        : right * Math.min(1, left / Math.max(1, leftTables)) * residual;
    return switch (join.joinType()) {
      case INNER, CROSS -> matched;
      case LEFT_OUTER -> Math.max(left, matched);
      case RIGHT_OUTER -> Math.max(right, matched);
      case FULL_OUTER -> left + right;
      // A semi join keeps the left rows whose key the right still has: the share of the right's
      // rows its filters keep (Q18's orders IN (orders of more than 300 units) keeps few).
      case LEFT_SEMI -> left * Math.min(1, right / Math.max(1, rightTables));
      case LEFT_ANTI -> left;
    };
  }

  static long rowWidth(List<AttributeReference> attributes) {
    long width = 0;
    for (AttributeReference attribute : attributes) {
      width += switch (attribute.type().kind()) {
        case BOOLEAN -> 1;
        case INT, DATE -> 4;
        case LONG, DOUBLE, TIMESTAMP, DECIMAL -> 8;
        case STRING -> 20;
      };
    }
    return Math.max(1, width);
  }

  private static double rangeRows(RangeRelation range) {
    if ((range.step() > 0 && range.end() <= range.start()) || (range.step() < 0 && range.end() >= range.start())) {
      return 0;
    }
    return Math.ceil(((double) range.end() - range.start()) / range.step());
  }

  /** Rounded up (an estimate of 0.2 rows is still a row's bytes), saturating at {@link Long#MAX_VALUE}. */
  private static long toLong(double value) {
    double rounded = Math.ceil(value);
    return rounded >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) rounded;
  }

  private static long add(long left, long right) {
    long sum = left + right;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
