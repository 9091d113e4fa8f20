package dev.ember.catalyst.plan;

import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An analyzed plan with the ids of the columns it computes renumbered, so that the same query
 * written twice gives equal plans: {@code groupBy("k").count()} names its count {@code count#7}
 * one time and {@code count#9} the next, as every alias takes a fresh id, and nothing else differs.
 * Equal canonical plans compute the same rows: ids are only names, and the renaming is uniform
 * (every occurrence of an id becomes the same new id) and one-to-one (new ids are negative, below
 * every id ever handed out, and distinct ids stay distinct).
 *
 * <p>The ids renumbered are those an {@link Alias} or a {@link NamedAggregate} defines, -1, -2, ...
 * in the order a bottom-up walk meets them; a relation's columns keep theirs (they stay the same
 * while a DataFrame is queried again). No canonical plan is made ({@link #of} returns null) when an
 * id would be renamed in one place and kept in another (an id both a relation's and an alias's),
 * or when the plan calls a non-deterministic function: two runs of it are not the same query.
 */
public record CanonicalPlan(LogicalPlan plan, long localRows) {
  /**
   * The canonical form of {@code analyzed} and the rows of the local tables it carries (what
   * keeping it pins in memory), or null when it has none (see the class comment).
   */
  public static CanonicalPlan of(LogicalPlan analyzed) {
    Renaming renaming = new Renaming();
    LogicalPlan canonical = renaming.plan(analyzed);
    return renaming.failed ? null : new CanonicalPlan(canonical, renaming.localRows);
  }

  /** One walk's renaming; a walk that meets a reason to give up sets {@link #failed} and goes on unchanged. */
  private static final class Renaming {
    /** New ids of the ids an alias or a named aggregate defined, in the order met. */
    private final Map<Long, Long> renamed = new HashMap<>();
    /** Ids met and kept as they are (relation columns, references to them): never renamed later. */
    private final Set<Long> kept = new HashSet<>();
    private boolean failed;
    private long localRows;

    LogicalPlan plan(LogicalPlan node) {
      return switch (node) {
        case LocalRelation relation -> {
          keepAll(relation.output());
          for (Batch batch : relation.partitions()) {
            localRows += batch.rowCount();
          }
          yield relation;
        }
        case RangeRelation range -> {
          keep(range.id().id());
          yield range;
        }
        case CsvRelation csv -> {
          // Pushed filters read the data columns only (checked by the relation), so they hold no defined id.
          keepAll(csv.dataColumns());
          yield csv;
        }
        case InMemoryRelation cached -> {
          // The cached plan inside is compared as it is: it is the same instance while the cache lives.
          keepAll(cached.output());
          yield cached;
        }
        case Project project -> {
          LogicalPlan child = plan(project.child());
          List<Expression> list = expressions(project.projectList());
          yield child == project.child() && list == project.projectList() ? project : new Project(list, child);
        }
        case Filter filter -> {
          LogicalPlan child = plan(filter.child());
          Expression condition = expression(filter.condition());
          yield child == filter.child() && condition == filter.condition() ? filter : new Filter(condition, child);
        }
        case Aggregate aggregate -> {
          LogicalPlan child = plan(aggregate.child());
          List<Expression> groupings = expressions(aggregate.groupings());
          List<NamedAggregate> aggregates = aggregates(aggregate.aggregates());
          yield child == aggregate.child() && groupings == aggregate.groupings() && aggregates == aggregate.aggregates()
              ? aggregate
              : new Aggregate(groupings, aggregates, child);
        }
        case Join join -> {
          LogicalPlan left = plan(join.left());
          LogicalPlan right = plan(join.right());
          Expression condition = join.condition() == null ? null : expression(join.condition());
          yield left == join.left() && right == join.right() && condition == join.condition()
              ? join
              : new Join(left, right, join.joinType(), condition, join.broadcastLeft(), join.broadcastRight());
        }
        case Sort sort -> {
          LogicalPlan child = plan(sort.child());
          List<SortOrder> orders = new ArrayList<>(sort.orders().size());
          boolean changed = child != sort.child();
          for (SortOrder order : sort.orders()) {
            Expression key = expression(order.child());
            changed |= key != order.child();
            orders.add(key == order.child() ? order : order.withChild(key));
          }
          yield changed ? new Sort(orders, child) : sort;
        }
        case Repartition repartition -> {
          LogicalPlan child = plan(repartition.child());
          List<Expression> keys = expressions(repartition.keys());
          yield child == repartition.child() && keys == repartition.keys()
              ? repartition
              : new Repartition(repartition.partitionCount(), repartition.shuffle(), keys, child);
        }
        case Limit limit -> {
          LogicalPlan child = plan(limit.child());
          yield child == limit.child() ? limit : new Limit(limit.limit(), child);
        }
        case Distinct distinct -> {
          LogicalPlan child = plan(distinct.child());
          yield child == distinct.child() ? distinct : new Distinct(child);
        }
        case SubqueryAlias alias -> {
          LogicalPlan child = plan(alias.child());
          yield child == alias.child() ? alias : new SubqueryAlias(alias.alias(), child);
        }
        case ReplicateRows replicate -> {
          LogicalPlan child = plan(replicate.child());
          yield child == replicate.child() ? replicate : new ReplicateRows(child);
        }
        case Union union -> {
          List<LogicalPlan> children = new ArrayList<>(union.children().size());
          boolean changed = false;
          for (LogicalPlan child : union.children()) {
            LogicalPlan canonical = plan(child);
            changed |= canonical != child;
            children.add(canonical);
          }
          yield changed ? new Union(children) : union;
        }
      };
    }

    /** The list with every expression renamed, or the same list when none changed. */
    private List<Expression> expressions(List<Expression> expressions) {
      List<Expression> result = null;
      for (int i = 0; i < expressions.size(); i++) {
        Expression expression = expressions.get(i);
        Expression canonical = expression(expression);
        if (canonical != expression && result == null) {
          result = new ArrayList<>(expressions);
        }
        if (result != null) {
          result.set(i, canonical);
        }
      }
      return result == null ? expressions : result;
    }

    private List<NamedAggregate> aggregates(List<NamedAggregate> aggregates) {
      List<NamedAggregate> result = new ArrayList<>(aggregates.size());
      boolean changed = false;
      for (NamedAggregate named : aggregates) {
        List<Expression> arguments = expressions(named.function().arguments());
        long id = define(named.id());
        if (arguments == named.function().arguments() && id == named.id()) {
          result.add(named);
        } else {
          changed = true;
          result.add(new NamedAggregate(named.function().withArguments(arguments), named.name(), id));
        }
      }
      return changed ? result : aggregates;
    }

    /** Bottom-up, so that an alias's child is renamed before the alias defines its id. */
    private Expression expression(Expression expression) {
      return Expressions.transformUp(expression, this::renameNode);
    }

    private Expression renameNode(Expression node) {
      if (node instanceof AttributeReference reference) {
        Long id = renamed.get(reference.id());
        if (id == null) {
          keep(reference.id());
          return reference;
        }
        return new AttributeReference(reference.name(), reference.type(), reference.nullable(), id, reference.qualifier());
      }
      if (node instanceof Alias alias) {
        long id = define(alias.id());
        return id == alias.id() ? alias : new Alias(alias.child(), alias.name(), id);
      }
      if (node instanceof UserFunctionCall call && !call.function().deterministic()) {
        failed = true;
      }
      return node;
    }

    /** The new id of a defined id: the one it got when defined before, else the next one. */
    private long define(long id) {
      Long known = renamed.get(id);
      if (known != null) {
        return known;
      }
      if (kept.contains(id)) {
        failed = true; // met before as kept: renaming it now would not be uniform
        return id;
      }
      long canonical = -1L - renamed.size();
      renamed.put(id, canonical);
      return canonical;
    }

    private void keep(long id) {
      if (renamed.containsKey(id)) {
        failed = true; // a relation's column with an alias's id: keeping it would not be uniform
      }
      kept.add(id);
    }

    private void keepAll(List<AttributeReference> attributes) {
      for (AttributeReference attribute : attributes) {
        keep(attribute.id());
      }
    }
  }
}
