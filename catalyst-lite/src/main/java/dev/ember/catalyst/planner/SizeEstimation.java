package dev.ember.catalyst.planner;

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
import java.util.List;

/**
 * Estimates of a logical plan's output, in rows and bytes, for automatic broadcast joins and the
 * optimizer's join reordering. Leaves: exact row counts for local data and ranges, file bytes for
 * CSV (rows = bytes / the row width of its columns); a row width from the column types (Spark's
 * default sizes, 20 bytes for a string). Then:
 *
 * <ul>
 *   <li>a filter, and a CSV scan's pushed filters, scale the rows by {@link FilterSelectivity};
 *   <li>a projection (and a scan that reads some columns only) keeps the rows at its own width;
 *   <li>a global aggregate is one row; a grouped one keeps {@value #GROUPS_PER_ROW} of its input's
 *       rows (no statistics say how many groups there are; a quarter stays on the safe, large side
 *       of TPC-H's groupings);
 *   <li>an equi-join is taken for a foreign-key join: each row of the larger side meets at most one
 *       row of the smaller, so the output has the larger side's rows (times the selectivity of the
 *       rest of the condition); outer joins keep at least their preserved side, a full outer join
 *       both; semi and anti joins at most their left side; a join without keys is the product;
 *   <li>sort, repartition, alias, distinct keep their input; a limit caps it; a union adds up.
 * </ul>
 *
 * Saturates at {@link Long#MAX_VALUE}.
 */
public final class SizeEstimation {
  /** The share of a grouped aggregate's input rows estimated to be distinct groups. */
  public static final double GROUPS_PER_ROW = 0.25;

  private SizeEstimation() {}

  /** The estimated output size of the plan in bytes (also used by the optimizer's join reordering). */
  public static long sizeInBytes(LogicalPlan plan) {
    // A range's one column is a LONG.
    long width = plan instanceof RangeRelation ? 8 : rowWidth(plan.output());
    return toLong(rowCount(plan) * width);
  }

  /** The estimated output row count of the plan (fractional: selectivities multiply). */
  public static double rowCount(LogicalPlan plan) {
    return switch (plan) {
      case LocalRelation relation -> relation.partitions().stream().mapToLong(Batch::rowCount).sum();
      case RangeRelation range -> rangeRows(range);
      case InMemoryRelation cached -> rowCount(cached.cachedPlan());
      case CsvRelation csv -> {
        long fileBytes = csv.splits().stream().mapToLong(FileSplit::length).reduce(0, SizeEstimation::add);
        double rows = (double) fileBytes / rowWidth(csv.dataColumns());
        for (Expression filter : csv.pushedFilters()) {
          rows *= FilterSelectivity.of(filter);
        }
        yield rows;
      }
      case Project project -> rowCount(project.child());
      case Filter filter -> rowCount(filter.child()) * FilterSelectivity.of(filter.condition());
      case Aggregate aggregate -> aggregate.groupings().isEmpty()
          ? 1
          : Math.min(rowCount(aggregate.child()), Math.max(1, rowCount(aggregate.child()) * GROUPS_PER_ROW));
      case Join join -> joinRows(join);
      case Sort sort -> rowCount(sort.child());
      case Limit limit -> Math.min(rowCount(limit.child()), limit.limit());
      case Union union -> union.children().stream().mapToDouble(SizeEstimation::rowCount).sum();
      case Distinct distinct -> rowCount(distinct.child());
      case Repartition repartition -> rowCount(repartition.child());
      case SubqueryAlias alias -> rowCount(alias.child());
    };
  }

  private static double joinRows(Join join) {
    double left = rowCount(join.left());
    double right = rowCount(join.right());
    JoinKeys keys = JoinKeys.extract(join.condition(), join.left().output(), join.right().output());
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
      residual *= FilterSelectivity.of(conjunct);
    }
    double matched = Math.max(left, right) * residual;
    return switch (join.joinType()) {
      case INNER, CROSS -> matched;
      case LEFT_OUTER -> Math.max(left, matched);
      case RIGHT_OUTER -> Math.max(right, matched);
      case FULL_OUTER -> left + right;
      case LEFT_SEMI, LEFT_ANTI -> left;
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
