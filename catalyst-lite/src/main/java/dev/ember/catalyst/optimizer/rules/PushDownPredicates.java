package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.rewrite.PlanRewrites.conjunctionOrNull;
import static dev.ember.catalyst.rewrite.PlanRewrites.conjunctsOf;
import static dev.ember.catalyst.rewrite.PlanRewrites.readsOnly;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves filter conjuncts as close to the data as they can go, so fewer rows flow up:
 *
 * <pre>
 *   Filter (a &gt; 1 AND y = 'x' AND a = x)        Join Inner, (k = x) AND (a = x)
 *     Join Inner, k = x                    =&gt;     Filter a &gt; 1
 *       Scan l [k, a]                                Scan l [k, a]
 *       Scan r [x, y]                              Filter y = 'x'
 *                                                    Scan r [x, y]
 * </pre>
 *
 * Only deterministic conjuncts move (those before the first non-deterministic one); those that
 * cannot move stay in a filter above. Through:
 *
 * <ul>
 *   <li>Project: the conjunct is rewritten over the projection's input (aliases replaced by what
 *       they name); not when it reads a non-deterministic alias;
 *   <li>Aggregate with groupings: conjuncts that read grouping columns only, rewritten to the
 *       grouping expressions (never below a global aggregate, which outputs a row even for no input);
 *   <li>Join, a filter above it (WHERE): INNER and CROSS send each conjunct to the side whose
 *       columns it reads and conjuncts over both sides into the join condition; LEFT_OUTER,
 *       LEFT_SEMI and LEFT_ANTI push left-only conjuncts into the left side; RIGHT_OUTER
 *       right-only conjuncts into the right side; FULL_OUTER nothing;
 *   <li>Join, its own condition (ON): INNER, CROSS and LEFT_SEMI push single-side conjuncts into
 *       their side; LEFT_OUTER and LEFT_ANTI right-only conjuncts into the right side;
 *       RIGHT_OUTER left-only conjuncts into the left side; FULL_OUTER nothing. An ON conjunct
 *       never moves into a preserved side, where a row that fails it must still come out;
 *   <li>Union: into every child, with the union's columns replaced by the child's at the same
 *       position;
 *   <li>Sort, Repartition (with or without shuffle), Distinct, SubqueryAlias: unchanged.
 * </ul>
 */
public final class PushDownPredicates implements OptimizerRule {

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    return switch (node) {
      case Filter filter -> pushFilter(filter);
      case Join join -> pushJoinCondition(join);
      default -> node;
    };
  }

  private static LogicalPlan pushFilter(Filter filter) {
    List<List<Expression>> split = PlanRewrites.splitMovable(Expressions.conjuncts(filter.condition()));
    List<Expression> movable = split.get(0);
    List<Expression> fixed = split.get(1);
    if (movable.isEmpty()) {
      return filter;
    }
    LogicalPlan child = filter.child();
    return switch (child) {
      case Project project -> throughProject(project, movable, fixed, filter);
      case Aggregate aggregate -> throughAggregate(aggregate, movable, fixed, filter);
      case Join join -> throughJoin(join, movable, fixed, filter);
      case Union union -> {
        List<LogicalPlan> children = new ArrayList<>();
        List<AttributeReference> output = union.output();
        for (LogicalPlan unionChild : union.children()) {
          Map<Long, Expression> mapping = PlanRewrites.byPosition(output, unionChild.output());
          List<Expression> remapped = movable.stream().map(c -> PlanRewrites.replaceAttributes(c, mapping)).toList();
          children.add(new Filter(Expressions.and(remapped), unionChild));
        }
        yield withRemaining(new Union(children), fixed);
      }
      case Sort sort -> withRemaining(new Sort(sort.orders(), below(movable, sort.child())), fixed);
      case Repartition repartition -> withRemaining(new Repartition(repartition.partitionCount(), repartition.shuffle(),
          repartition.keys(), below(movable, repartition.child())), fixed);
      case Distinct distinct -> withRemaining(new Distinct(below(movable, distinct.child())), fixed);
      case SubqueryAlias alias -> {
        // Below the alias the same ids carry the child's qualifiers.
        Map<Long, Expression> unqualified = new HashMap<>();
        for (AttributeReference attribute : alias.child().output()) {
          unqualified.put(attribute.id(), attribute);
        }
        List<Expression> rewritten = movable.stream().map(c -> PlanRewrites.replaceAttributes(c, unqualified)).toList();
        yield withRemaining(new SubqueryAlias(alias.alias(), below(rewritten, alias.child())), fixed);
      }
      default -> filter;
    };
  }

  private static LogicalPlan throughProject(Project project, List<Expression> movable, List<Expression> fixed, Filter filter) {
    Map<Long, Expression> aliases = new HashMap<>();
    Map<Long, Boolean> deterministic = new HashMap<>();
    for (Expression named : project.projectList()) {
      if (named instanceof Alias alias) {
        aliases.put(alias.id(), alias.child());
        deterministic.put(alias.id(), alias.child().deterministic());
      }
    }
    List<Expression> pushed = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : movable) {
      boolean readsNonDeterministicAlias = PlanRewrites.referenceIds(conjunct).stream()
          .anyMatch(id -> Boolean.FALSE.equals(deterministic.get(id)));
      if (readsNonDeterministicAlias) {
        stay.add(conjunct);
      } else {
        pushed.add(PlanRewrites.replaceAttributes(conjunct, aliases));
      }
    }
    if (pushed.isEmpty()) {
      return filter;
    }
    stay.addAll(fixed);
    return withRemaining(new Project(project.projectList(), below(pushed, project.child())), stay);
  }

  private static LogicalPlan throughAggregate(Aggregate aggregate, List<Expression> movable, List<Expression> fixed, Filter filter) {
    if (aggregate.groupings().isEmpty()) {
      return filter;
    }
    Map<Long, Expression> groupings = new HashMap<>();
    for (Expression grouping : aggregate.groupings()) {
      groupings.put(Project.toAttribute(grouping).id(), grouping instanceof Alias alias ? alias.child() : grouping);
    }
    List<Expression> pushed = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : movable) {
      if (readsOnly(conjunct, groupings.keySet())) {
        pushed.add(PlanRewrites.replaceAttributes(conjunct, groupings));
      } else {
        stay.add(conjunct);
      }
    }
    if (pushed.isEmpty()) {
      return filter;
    }
    stay.addAll(fixed);
    return withRemaining(new Aggregate(aggregate.groupings(), aggregate.aggregates(), below(pushed, aggregate.child())), stay);
  }

  private static LogicalPlan throughJoin(Join join, List<Expression> movable, List<Expression> fixed, Filter filter) {
    Set<Long> leftIds = PlanRewrites.ids(join.left().output());
    Set<Long> rightIds = PlanRewrites.ids(join.right().output());
    List<Expression> toLeft = new ArrayList<>();
    List<Expression> toRight = new ArrayList<>();
    List<Expression> toCondition = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    JoinType type = join.joinType();
    for (Expression conjunct : movable) {
      boolean left = readsOnly(conjunct, leftIds);
      boolean right = !left && readsOnly(conjunct, rightIds);
      switch (type) {
        case INNER, CROSS -> (left ? toLeft : right ? toRight : toCondition).add(conjunct);
        case LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> (left ? toLeft : stay).add(conjunct);
        case RIGHT_OUTER -> (readsOnly(conjunct, rightIds) ? toRight : stay).add(conjunct);
        case FULL_OUTER -> stay.add(conjunct);
      }
    }
    if (stay.size() == movable.size()) {
      return filter;
    }
    List<Expression> condition = new ArrayList<>(conjunctsOf(join.condition()));
    condition.addAll(toCondition);
    Join pushed = new Join(below(toLeft, join.left()), below(toRight, join.right()), type,
        conjunctionOrNull(condition), join.broadcastLeft(), join.broadcastRight());
    stay.addAll(fixed);
    return withRemaining(pushed, stay);
  }

  private static LogicalPlan pushJoinCondition(Join join) {
    if (join.condition() == null) {
      return join;
    }
    List<List<Expression>> split = PlanRewrites.splitMovable(Expressions.conjuncts(join.condition()));
    Set<Long> leftIds = PlanRewrites.ids(join.left().output());
    Set<Long> rightIds = PlanRewrites.ids(join.right().output());
    boolean intoLeft = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, RIGHT_OUTER -> true;
      case LEFT_OUTER, LEFT_ANTI, FULL_OUTER -> false;
    };
    boolean intoRight = switch (join.joinType()) {
      case INNER, CROSS, LEFT_SEMI, LEFT_OUTER, LEFT_ANTI -> true;
      case RIGHT_OUTER, FULL_OUTER -> false;
    };
    List<Expression> toLeft = new ArrayList<>();
    List<Expression> toRight = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression conjunct : split.get(0)) {
      // A conjunct that reads no column at all stays: it decides whether anything matches.
      boolean readsSomething = !PlanRewrites.referenceIds(conjunct).isEmpty();
      if (intoLeft && readsSomething && readsOnly(conjunct, leftIds)) {
        toLeft.add(conjunct);
      } else if (intoRight && readsSomething && readsOnly(conjunct, rightIds)) {
        toRight.add(conjunct);
      } else {
        stay.add(conjunct);
      }
    }
    if (toLeft.isEmpty() && toRight.isEmpty()) {
      return join;
    }
    stay.addAll(split.get(1));
    return new Join(below(toLeft, join.left()), below(toRight, join.right()), join.joinType(), conjunctionOrNull(stay),
        join.broadcastLeft(), join.broadcastRight());
  }

  /** The child under a filter of the conjuncts, or the child itself when there are none. */
  private static LogicalPlan below(List<Expression> conjuncts, LogicalPlan child) {
    return conjuncts.isEmpty() ? child : new Filter(Expressions.and(conjuncts), child);
  }

  private static LogicalPlan withRemaining(LogicalPlan plan, List<Expression> remaining) {
    return remaining.isEmpty() ? plan : new Filter(Expressions.and(remaining), plan);
  }
}
