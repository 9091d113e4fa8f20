package dev.ember.catalyst.optimizer.rules;

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
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rewrites every expression of one plan node bottom-up, for the rules that simplify expressions
 * and leave operators alone. Named expressions (a projection's or grouping's alias) keep their
 * name and id: only what they compute is rewritten. Returns the same node when nothing changed.
 */
public final class PlanExpressions {
  private PlanExpressions() {}

  public static LogicalPlan transform(LogicalPlan node, UnaryOperator<Expression> rewrite) {
    return switch (node) {
      case LocalRelation relation -> relation;
      case RangeRelation range -> range;
      case InMemoryRelation cached -> cached;
      case CsvRelation csv -> csv;
      case Union union -> union;
      case Distinct distinct -> distinct;
      case Limit limit -> limit;
      case ReplicateRows replicate -> replicate;
      case SubqueryAlias alias -> alias;
      case Project project -> {
        List<Expression> list = named(project.projectList(), rewrite);
        yield list == project.projectList() ? project : new Project(list, project.child());
      }
      case Filter filter -> {
        Expression condition = Expressions.transformUp(filter.condition(), rewrite);
        yield condition == filter.condition() ? filter : new Filter(condition, filter.child());
      }
      case Aggregate aggregate -> {
        List<Expression> groupings = named(aggregate.groupings(), rewrite);
        List<NamedAggregate> aggregates = new ArrayList<>();
        boolean changed = groupings != aggregate.groupings();
        for (NamedAggregate named : aggregate.aggregates()) {
          List<Expression> arguments = all(named.function().arguments(), rewrite);
          if (arguments == named.function().arguments()) {
            aggregates.add(named);
          } else {
            changed = true;
            aggregates.add(new NamedAggregate(named.function().withArguments(arguments), named.name(), named.id()));
          }
        }
        yield changed ? new Aggregate(groupings, aggregates, aggregate.child()) : aggregate;
      }
      case Join join -> {
        if (join.condition() == null) {
          yield join;
        }
        Expression condition = Expressions.transformUp(join.condition(), rewrite);
        yield condition == join.condition()
            ? join
            : new Join(join.left(), join.right(), join.joinType(), condition, join.broadcastLeft(), join.broadcastRight());
      }
      case Sort sort -> {
        List<SortOrder> orders = new ArrayList<>();
        boolean changed = false;
        for (SortOrder order : sort.orders()) {
          Expression child = Expressions.transformUp(order.child(), rewrite);
          changed |= child != order.child();
          orders.add(order.withChild(child));
        }
        yield changed ? new Sort(orders, sort.child()) : sort;
      }
      case Repartition repartition -> {
        List<Expression> keys = all(repartition.keys(), rewrite);
        yield keys == repartition.keys()
            ? repartition
            : new Repartition(repartition.partitionCount(), repartition.shuffle(), keys, repartition.child());
      }
    };
  }

  /** The rewritten list, or the same list instance when no element changed. */
  private static List<Expression> all(List<Expression> expressions, UnaryOperator<Expression> rewrite) {
    List<Expression> result = new ArrayList<>(expressions.size());
    boolean changed = false;
    for (Expression expression : expressions) {
      Expression rewritten = Expressions.transformUp(expression, rewrite);
      changed |= rewritten != expression;
      result.add(rewritten);
    }
    return changed ? result : expressions;
  }

  /** Like {@link #all}, but an alias stays an alias with its name and id; only its child is rewritten. */
  private static List<Expression> named(List<Expression> expressions, UnaryOperator<Expression> rewrite) {
    List<Expression> result = new ArrayList<>(expressions.size());
    boolean changed = false;
    for (Expression expression : expressions) {
      Expression rewritten = expression;
      if (expression instanceof Alias alias) {
        Expression child = Expressions.transformUp(alias.child(), rewrite);
        if (child != alias.child()) {
          rewritten = new Alias(child, alias.name(), alias.id());
        }
      }
      changed |= rewritten != expression;
      result.add(rewritten);
    }
    return changed ? result : expressions;
  }
}
