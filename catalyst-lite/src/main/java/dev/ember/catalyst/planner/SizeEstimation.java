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
import dev.ember.core.source.FileSplit;
import dev.ember.core.vector.Batch;
import java.util.List;

/**
 * Spark-style upper estimates of a logical plan's output size in bytes, for automatic broadcast
 * joins: exact row counts for local data and ranges, file bytes for CSV, a row width from the
 * column types (Spark's default sizes, 20 bytes for a string); filters and aggregates keep their
 * input's size, projections scale it by the width they keep, a join is the product of its sides.
 * A CSV scan that reads some columns only is scaled like a projection. Saturates at
 * {@link Long#MAX_VALUE}.
 */
public final class SizeEstimation {
  private SizeEstimation() {}

  /** The estimated output size of the plan in bytes (also used by the optimizer's join reordering). */
  public static long sizeInBytes(LogicalPlan plan) {
    return switch (plan) {
      case LocalRelation relation -> multiply(relation.partitions().stream().mapToLong(Batch::rowCount).sum(), rowWidth(relation.output()));
      case RangeRelation range -> multiply(rangeRows(range), 8);
      case InMemoryRelation cached -> sizeInBytes(cached.cachedPlan());
      // A scan that reads some columns only is scaled by the width it keeps, like a projection.
      case CsvRelation csv -> {
        long fileBytes = csv.splits().stream().mapToLong(FileSplit::length).reduce(0, SizeEstimation::add);
        yield csv.readsAllColumns() ? fileBytes : scale(fileBytes, rowWidth(csv.output()), rowWidth(csv.dataColumns()));
      }
      case Project project -> scale(sizeInBytes(project.child()), rowWidth(project.output()), rowWidth(project.child().output()));
      case Filter filter -> sizeInBytes(filter.child());
      case Aggregate aggregate -> scale(sizeInBytes(aggregate.child()), rowWidth(aggregate.output()), rowWidth(aggregate.child().output()));
      case Join join -> multiply(sizeInBytes(join.left()), Math.max(1, sizeInBytes(join.right())));
      case Sort sort -> sizeInBytes(sort.child());
      case Limit limit -> Math.min(sizeInBytes(limit.child()), multiply(limit.limit(), rowWidth(limit.output())));
      case Union union -> union.children().stream().mapToLong(SizeEstimation::sizeInBytes).reduce(0, SizeEstimation::add);
      case Distinct distinct -> sizeInBytes(distinct.child());
      case Repartition repartition -> sizeInBytes(repartition.child());
      case SubqueryAlias alias -> sizeInBytes(alias.child());
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

  private static long rangeRows(RangeRelation range) {
    if ((range.step() > 0 && range.end() <= range.start()) || (range.step() < 0 && range.end() >= range.start())) {
      return 0;
    }
    double rows = Math.ceil(((double) range.end() - range.start()) / range.step());
    return rows >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) rows;
  }

  private static long scale(long size, long width, long inputWidth) {
    return multiply(size / inputWidth, width) + (size % inputWidth == 0 ? 0 : width);
  }

  private static long multiply(long left, long right) {
    long high = Math.multiplyHigh(left, right);
    long product = left * right;
    return high != 0 || product < 0 ? Long.MAX_VALUE : product;
  }

  private static long add(long left, long right) {
    long sum = left + right;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
