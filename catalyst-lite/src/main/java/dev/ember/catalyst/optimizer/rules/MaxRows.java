package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Union;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.vector.Batch;
import java.util.OptionalLong;

/** An upper bound on the rows a plan produces, when one is known without running it. */
final class MaxRows {
  private MaxRows() {}

  static OptionalLong of(LogicalPlan plan) {
    return switch (plan) {
      case Limit limit -> min(limit.limit(), of(limit.child()));
      case LocalRelation relation -> OptionalLong.of(relation.partitions().stream().mapToLong(Batch::rowCount).sum());
      case Aggregate aggregate -> aggregate.groupings().isEmpty() ? OptionalLong.of(1) : OptionalLong.empty();
      case Project project -> of(project.child());
      case Filter filter -> of(filter.child());
      case Sort sort -> of(sort.child());
      case Distinct distinct -> of(distinct.child());
      case SubqueryAlias alias -> of(alias.child());
      // Unknown without running: sizes of files and ranges, joins, unions, repartitions.
      case RangeRelation range -> OptionalLong.empty();
      case InMemoryRelation cached -> of(cached.cachedPlan());
      case CsvRelation csv -> OptionalLong.empty();
      case Join join -> OptionalLong.empty();
      case Union union -> OptionalLong.empty();
      case ReplicateRows replicate -> OptionalLong.empty();
      case Repartition repartition -> OptionalLong.empty();
    };
  }

  /** Whether the plan is known to produce at most {@code limit} rows. */
  static boolean atMost(LogicalPlan plan, long limit) {
    OptionalLong max = of(plan);
    return max.isPresent() && max.getAsLong() <= limit;
  }

  private static OptionalLong min(long limit, OptionalLong child) {
    return OptionalLong.of(child.isPresent() ? Math.min(limit, child.getAsLong()) : limit);
  }
}
