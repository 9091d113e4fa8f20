package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
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
import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Column pruning: below a projection or an aggregate, every operator produces only the columns
 * that something above it reads, so scans read fewer columns and exchanges move fewer bytes:
 *
 * <pre>
 *   Project [a]                          Project [a]
 *     Join Inner, k = x          =&gt;        Join Inner, k = x
 *       Scan l [k, a, b, c]                  Project [k, a]
 *       Scan r [x, y, z]                       Scan l [k, a, b, c]
 *                                            Project [x]
 *                                              Scan r [x, y, z]
 * </pre>
 *
 * The columns needed below a Project are those its list reads, below an Aggregate those its
 * groupings and aggregates read. They are passed down through Filter, Sort, Limit, Repartition and
 * SubqueryAlias (each adding the columns it reads itself); then a Project drops its unused
 * entries, an Aggregate its unused aggregates (a global aggregate keeps one, since it outputs a
 * row even with no columns), a Join keeps on each side only the columns the condition and the
 * parent need, a Union narrows all children at the same positions, and anything else (a scan, a
 * Distinct) gets a narrowing Project on top, which the scan pushdown then absorbs into the scan;
 * a cached relation narrows its own output.
 * A node never loses all its columns: with nothing needed, the first column stays.
 *
 * <p>A Project is never put directly under a Filter or a Limit (predicate and limit pushdown
 * would move it back up, and the rules would never stop); nor directly under the Project that
 * needs the columns, which already narrows. The rule never changes the output of the node it
 * rewrites, so the root's output stays as it is.
 */
public final class PruneColumns implements OptimizerRule {

  /** What the node whose columns are pruned sits under. */
  private enum Parent {
    PROJECT,
    BARRIER,
    OTHER
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return switch (node) {
      case Project project -> {
        LogicalPlan child = prune(project.child(), PlanRewrites.referenceIds(project.projectList()), Parent.PROJECT);
        yield child == project.child() ? project : new Project(project.projectList(), child);
      }
      case Aggregate aggregate -> {
        Set<Long> needed = PlanRewrites.referenceIds(aggregate.groupings());
        for (NamedAggregate named : aggregate.aggregates()) {
          needed.addAll(PlanRewrites.referenceIds(named.function().arguments()));
        }
        LogicalPlan child = prune(aggregate.child(), needed, Parent.OTHER);
        yield child == aggregate.child() ? aggregate : new Aggregate(aggregate.groupings(), aggregate.aggregates(), child);
      }
      // Only a Project or an Aggregate says which columns it needs; the others pass the need of
      // their parent down (see prune), or have no child.
      case Filter filter -> filter;
      case Join join -> join;
      case Sort sort -> sort;
      case Limit limit -> limit;
      case ReplicateRows replicate -> replicate;
      case Union union -> union;
      case Distinct distinct -> distinct;
      case Repartition repartition -> repartition;
      case SubqueryAlias alias -> alias;
      case LocalRelation relation -> relation;
      case RangeRelation range -> range;
      case CsvRelation csv -> csv;
      case InMemoryRelation cached -> cached;
    };
  }

  /** {@code plan} producing the columns in {@code needed} (and maybe a few more), or {@code plan} itself. */
  private static LogicalPlan prune(LogicalPlan plan, Set<Long> needed, Parent parent) {
    List<AttributeReference> output = plan.output();
    if (neededAll(needed, output)) {
      return plan;
    }
    Set<Long> kept = keepOne(needed, output);
    return switch (plan) {
      case Project project -> {
        List<Expression> list = new ArrayList<>();
        for (Expression named : project.projectList()) {
          if (kept.contains(Project.toAttribute(named).id())) {
            list.add(named);
          }
        }
        yield new Project(list, project.child());
      }
      case Aggregate aggregate -> {
        List<NamedAggregate> aggregates = new ArrayList<>();
        for (NamedAggregate named : aggregate.aggregates()) {
          if (kept.contains(named.id())) {
            aggregates.add(named);
          }
        }
        if (aggregates.size() == aggregate.aggregates().size()) {
          yield aggregate;
        }
        if (aggregates.isEmpty() && aggregate.groupings().isEmpty()) {
          aggregates.add(aggregate.aggregates().get(0));
        }
        yield new Aggregate(aggregate.groupings(), aggregates, aggregate.child());
      }
      case Join join -> {
        Set<Long> sideNeeds = new HashSet<>(kept);
        if (join.condition() != null) {
          sideNeeds.addAll(PlanRewrites.referenceIds(join.condition()));
        }
        LogicalPlan left = prune(join.left(), sideNeeds, Parent.OTHER);
        LogicalPlan right = prune(join.right(), sideNeeds, Parent.OTHER);
        if (left == join.left() && right == join.right()) {
          yield parent == Parent.OTHER ? narrowed(join, kept) : join;
        }
        yield new Join(left, right, join.joinType(), join.condition(), join.broadcastLeft(), join.broadcastRight());
      }
      case Union union -> {
        List<AttributeReference> first = union.children().get(0).output();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
          if (kept.contains(first.get(i).id())) {
            positions.add(i);
          }
        }
        List<LogicalPlan> children = new ArrayList<>();
        for (LogicalPlan child : union.children()) {
          children.add(atPositions(child, positions));
        }
        yield new Union(children);
      }
      case Filter filter -> {
        Set<Long> below = new LinkedHashSet<>(kept);
        below.addAll(PlanRewrites.referenceIds(filter.condition()));
        LogicalPlan child = prune(filter.child(), below, Parent.BARRIER);
        if (child != filter.child()) {
          yield new Filter(filter.condition(), child);
        }
        yield parent == Parent.OTHER ? narrowed(filter, kept) : filter;
      }
      case Limit limit -> {
        LogicalPlan child = prune(limit.child(), kept, Parent.BARRIER);
        if (child != limit.child()) {
          yield new Limit(limit.limit(), child);
        }
        yield parent == Parent.OTHER ? narrowed(limit, kept) : limit;
      }
      case ReplicateRows replicate -> {
        // The count stays the child's first column: projections keep their order.
        Set<Long> below = new LinkedHashSet<>(kept);
        below.add(replicate.count().id());
        LogicalPlan child = prune(replicate.child(), below, Parent.BARRIER);
        if (child != replicate.child()) {
          yield new ReplicateRows(child);
        }
        yield parent == Parent.OTHER ? narrowed(replicate, kept) : replicate;
      }
      case Sort sort -> {
        Set<Long> below = new LinkedHashSet<>(kept);
        for (SortOrder order : sort.orders()) {
          below.addAll(PlanRewrites.referenceIds(order.child()));
        }
        LogicalPlan child = prune(sort.child(), below, through(parent));
        yield child == sort.child() ? sort : new Sort(sort.orders(), child);
      }
      case Repartition repartition -> {
        Set<Long> below = new LinkedHashSet<>(kept);
        below.addAll(PlanRewrites.referenceIds(repartition.keys()));
        LogicalPlan child = prune(repartition.child(), below, through(parent));
        yield child == repartition.child() ? repartition
            : new Repartition(repartition.partitionCount(), repartition.shuffle(), repartition.keys(), child);
      }
      case SubqueryAlias alias -> {
        LogicalPlan child = prune(alias.child(), kept, through(parent));
        yield child == alias.child() ? alias : new SubqueryAlias(alias.alias(), child);
      }
      case Distinct distinct -> parent == Parent.OTHER ? narrowed(distinct, kept) : distinct;
      case CsvRelation csv -> parent == Parent.OTHER ? narrowed(csv, kept) : csv;
      case LocalRelation local -> parent == Parent.OTHER ? narrowed(local, kept) : local;
      case RangeRelation range -> range;
      // A cached relation narrows itself, under a filter too (Spark's in-memory scan reads only its
      // attributes): its scan then widens only these columns from the compressed cache.
      case InMemoryRelation cached -> cached.withOutput(cached.output().stream().filter(column -> kept.contains(column.id())).toList());
    };
  }

  /** Whether every output column is needed: a loop, where a set of the output's ids would be built at every node visited. */
  private static boolean neededAll(Set<Long> needed, List<AttributeReference> output) {
    for (AttributeReference attribute : output) {
      if (!needed.contains(attribute.id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The parent seen through a node that a filter is pushed through (Sort, Repartition,
   * SubqueryAlias): under a barrier it is still one.
   */
  private static Parent through(Parent parent) {
    return parent == Parent.BARRIER ? Parent.BARRIER : Parent.OTHER;
  }

  /** The needed ids, or the first output column's when none of the output is needed. */
  private static Set<Long> keepOne(Set<Long> needed, List<AttributeReference> output) {
    for (AttributeReference attribute : output) {
      if (needed.contains(attribute.id())) {
        return needed;
      }
    }
    Set<Long> kept = new LinkedHashSet<>(needed);
    if (!output.isEmpty()) {
      kept.add(output.get(0).id());
    }
    return kept;
  }

  private static LogicalPlan narrowed(LogicalPlan plan, Set<Long> kept) {
    return new Project(PlanRewrites.attributesIn(plan, kept), plan);
  }

  /** The child reduced to the columns at {@code positions}, exactly (the union children must line up). */
  private static LogicalPlan atPositions(LogicalPlan child, List<Integer> positions) {
    if (child instanceof Project project) {
      List<Expression> list = new ArrayList<>();
      for (int position : positions) {
        list.add(project.projectList().get(position));
      }
      return new Project(list, project.child());
    }
    List<AttributeReference> output = child.output();
    List<Expression> list = new ArrayList<>();
    for (int position : positions) {
      list.add(output.get(position));
    }
    return new Project(list, child);
  }
}
