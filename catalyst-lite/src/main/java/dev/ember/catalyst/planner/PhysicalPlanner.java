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
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.ReplicateRowsExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns an (optimized) logical plan into a physical plan: picks operators, binds attributes to
 * ordinals and inserts exchanges where an operator needs its input distributed by key.
 *
 * <ul>
 *   <li>aggregate: PARTIAL, hash exchange on the groupings (single partition without), FINAL;
 *       see {@link AggregatePlanning};
 *   <li>join: shuffled hash join on equi-keys, broadcast hash join on a hint, nested loop
 *       otherwise; see {@link JoinPlanning};
 *   <li>sort: range exchange then a per-partition sort; sort + limit: top-N per partition, one
 *       partition, top-N again; limit: per-partition limit, one partition, limit again;
 *   <li>repartition: hash or round-robin exchange; coalesce: merges partitions without a shuffle.
 * </ul>
 *
 * An input that already has the needed distribution (one partition, or hashed the same way) gets
 * no exchange.
 */
public final class PhysicalPlanner {
  private final PlannerSettings settings;

  public PhysicalPlanner(PlannerSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
  }

  public PhysicalPlan plan(LogicalPlan logicalPlan) {
    // One estimator for the whole planning: each join asks for its sides' sizes, and the sides'
    // subtrees (joins of joins) would otherwise be estimated again at every level.
    return planNode(logicalPlan, SizeEstimation.memoized()).plan();
  }

  private Planned planNode(LogicalPlan node, SizeEstimation sizes) {
    int partitions = settings.shufflePartitions();
    return switch (node) {
      case LocalRelation relation -> {
        Schema schema = Binder.schema(relation.output());
        List<Batch> batches = relation.partitions().isEmpty() ? List.of(Batch.empty(schema)) : relation.partitions();
        yield new Planned(new InMemoryScanExec(schema, batches), relation.output(), singleIf(batches.size() == 1));
      }
      case InMemoryRelation cached -> new Planned(
          new CachedScanExec(cached.cacheId(), cached.mode(), cached.cachedPhysical(), cached.columnPositions()), cached.output(),
          singleIf(PlanPartitions.count(cached.cachedPhysical()) == 1));
      case RangeRelation range -> {
        int count = Math.max(1, range.partitionCount());
        yield new Planned(new RangeScanExec(range.start(), range.end(), range.step(), count), List.of(range.id()),
            singleIf(count == 1));
      }
      case CsvRelation csv -> {
        // Only the required columns are parsed; the pushed filters run inside the scan.
        Expression pushedFilter = csv.pushedFilters().isEmpty()
            ? null
            : Binder.bind(Expressions.and(csv.pushedFilters()), csv.output());
        yield new Planned(new CsvScanExec(Binder.schema(csv.dataColumns()), csv.splits(), csv.options(),
            csv.requiredColumns(), pushedFilter), csv.output(), singleIf(csv.splits().size() <= 1));
      }
      case Project project -> planProject(project, planNode(project.child(), sizes));
      case Filter filter -> {
        Planned child = planNode(filter.child(), sizes);
        yield new Planned(new FilterExec(child.plan(), Binder.bind(filter.condition(), child.output())),
            child.output(), child.distribution());
      }
      case Aggregate aggregate -> AggregatePlanning.plan(aggregate.groupings(), aggregate.aggregates(),
          planNode(aggregate.child(), sizes), aggregate.output(), partitions);
      case Distinct distinct -> {
        Planned child = planNode(distinct.child(), sizes);
        yield AggregatePlanning.plan(new ArrayList<Expression>(child.output()), List.of(), child, child.output(), partitions);
      }
      case Join join -> JoinPlanning.plan(join, planNode(join.left(), sizes), planNode(join.right(), sizes), settings, sizes);
      case Sort sort -> {
        Planned child = planNode(sort.child(), sizes);
        List<SortOrder> orders = Binder.bindOrders(sort.orders(), child.output());
        PhysicalPlan input = child.distribution() instanceof Distribution.Single
            ? child.plan()
            : new ExchangeExec(child.plan(), new Partitioning.Range(orders, partitions));
        Distribution distribution = child.distribution() instanceof Distribution.Single
            ? Distribution.SINGLE
            : Distribution.UNKNOWN;
        yield new Planned(new SortExec(input, orders), child.output(), distribution);
      }
      case Limit limit -> planLimit(limit, sizes);
      case ReplicateRows replicate -> {
        Planned child = planNode(replicate.child(), sizes);
        yield new Planned(new ReplicateRowsExec(child.plan()), replicate.output(),
            child.distribution().keptBy(replicate.output()));
      }
      case Union union -> {
        List<PhysicalPlan> children = new ArrayList<>();
        for (LogicalPlan child : union.children()) {
          children.add(planNode(child, sizes).plan());
        }
        yield new Planned(new UnionExec(children, Binder.schema(union.output())), union.output(), Distribution.UNKNOWN);
      }
      case Repartition repartition -> {
        Planned child = planNode(repartition.child(), sizes);
        int count = repartition.partitionCount();
        if (!repartition.shuffle()) {
          yield new Planned(new CoalesceExec(child.plan(), count), child.output(),
              count == 1 || child.distribution() instanceof Distribution.Single ? Distribution.SINGLE : Distribution.UNKNOWN);
        }
        if (repartition.keys().isEmpty()) {
          yield new Planned(new ExchangeExec(child.plan(), new Partitioning.RoundRobin(count)), child.output(),
              singleIf(count == 1));
        }
        List<Expression> keys = Binder.bindAll(repartition.keys(), child.output());
        yield new Planned(new ExchangeExec(child.plan(), new Partitioning.Hash(keys, count)), child.output(),
            Distribution.hashed(repartition.keys(), count));
      }
      // The alias only qualifies names; attributes keep their ids.
      case SubqueryAlias alias -> planNode(alias.child(), sizes);
    };
  }

  /**
   * Top-N when the limit is over a sort (through projections, which keep the order and commute
   * with a limit, and filters, which commute with a sort); otherwise a limit per partition, one
   * partition, and the limit again.
   */
  private Planned planLimit(Limit limit, SizeEstimation sizes) {
    int count = limit.limit();
    List<Project> projections = new ArrayList<>();
    LogicalPlan below = limit.child();
    while (true) {
      if (below instanceof Project project) {
        projections.add(project);
        below = project.child();
      } else if (below instanceof Filter filter && filter.child() instanceof Sort sort) {
        below = new Sort(sort.orders(), new Filter(filter.condition(), sort.child()));
      } else {
        break;
      }
    }
    if (below instanceof Sort sort) {
      Planned child = planNode(sort.child(), sizes);
      List<SortOrder> orders = Binder.bindOrders(sort.orders(), child.output());
      PhysicalPlan local = new LimitExec(new SortExec(child.plan(), orders), count);
      Planned topN;
      if (child.distribution() instanceof Distribution.Single) {
        topN = new Planned(local, child.output(), Distribution.SINGLE);
      } else {
        ExchangeExec gather = new ExchangeExec(local, new Partitioning.Single());
        topN = new Planned(new LimitExec(new SortExec(gather, orders), count), child.output(), Distribution.SINGLE);
      }
      for (int i = projections.size() - 1; i >= 0; i--) {
        topN = planProject(projections.get(i), topN);
      }
      return topN;
    }
    Planned child = planNode(limit.child(), sizes);
    LimitExec local = new LimitExec(child.plan(), count);
    if (child.distribution() instanceof Distribution.Single) {
      return new Planned(local, child.output(), Distribution.SINGLE);
    }
    ExchangeExec gather = new ExchangeExec(local, new Partitioning.Single());
    return new Planned(new LimitExec(gather, count), child.output(), Distribution.SINGLE);
  }

  private static Planned planProject(Project project, Planned child) {
    List<AttributeReference> output = project.output();
    List<Expression> expressions = Binder.bindAll(project.projectList(), child.output());
    Schema schema = Binder.schema(output);
    Distribution distribution = child.distribution().projectedThrough(project.projectList());
    // A projection that only renames ids (a self-join's re-aliased side) computes nothing.
    if (schema.equals(child.plan().schema()) && isIdentity(expressions)) {
      return new Planned(child.plan(), output, distribution);
    }
    return new Planned(new ProjectExec(child.plan(), expressions, schema), output, distribution);
  }

  private static boolean isIdentity(List<Expression> expressions) {
    for (int i = 0; i < expressions.size(); i++) {
      if (!(expressions.get(i) instanceof BoundReference reference) || reference.ordinal() != i) {
        return false;
      }
    }
    return true;
  }

  private static Distribution singleIf(boolean single) {
    return single ? Distribution.SINGLE : Distribution.UNKNOWN;
  }
}
