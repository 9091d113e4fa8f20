package dev.ember.catalyst.rewrite;

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
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.IsNotNull;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The predicates known to hold on every output row of a plan (Spark's constraints), for inferring
 * filters: the deterministic conjuncts of filters, join conditions and pushed scan filters, passed
 * up through the operators that keep them, renamed through aliases, and
 * {@code x IS NOT NULL} for every column compared by a known predicate (a comparison with null is
 * never true). Only predicates over output columns are kept. Sets are keyed by
 * {@link PlanRewrites#canonical canonical} form, in first-seen order.
 */
public final class Constraints {
  private Constraints() {}

  /** The constraints of the plan, canonical form to predicate. */
  public static Map<Expression, Expression> of(LogicalPlan plan) {
    return of(plan, new RuleContext());
  }

  /**
   * The constraints of the plan, canonical form to predicate, with the predicates of its subtrees
   * taken from (and left in) {@code context}: an optimization asks for the constraints of nested
   * subtrees (every side of every join), and would otherwise collect each again from its leaves.
   */
  public static Map<Expression, Expression> of(LogicalPlan plan, RuleContext context) {
    Map<Expression, Expression> constraints = new LinkedHashMap<>();
    for (Expression predicate : collect(plan, context)) {
      add(constraints, predicate);
    }
    for (Expression predicate : new ArrayList<>(constraints.values())) {
      for (Expression notNull : notNullsImpliedBy(predicate)) {
        add(constraints, notNull);
      }
    }
    return constraints;
  }

  /** {@code x IS NOT NULL} for each column that the predicate compares directly. */
  public static List<Expression> notNullsImpliedBy(Expression predicate) {
    List<Expression> notNulls = new ArrayList<>();
    if (predicate instanceof Comparison comparison) {
      for (Expression operand : List.of(comparison.left(), comparison.right())) {
        if (operand instanceof AttributeReference attribute) {
          notNulls.add(new IsNotNull(attribute));
        }
      }
    } else if (predicate instanceof IsNotNull notNull && notNull.child() instanceof AttributeReference) {
      notNulls.add(predicate);
    }
    return notNulls;
  }

  /** Whether the predicate is {@code x = y} on two columns. */
  public static boolean isColumnEquality(Expression predicate) {
    return predicate instanceof Comparison(ComparisonOperator operator, Expression left, Expression right)
        && operator == ComparisonOperator.EQUAL && left instanceof AttributeReference
        && right instanceof AttributeReference;
  }

  private static void add(Map<Expression, Expression> constraints, Expression predicate) {
    constraints.putIfAbsent(PlanRewrites.canonical(predicate), predicate);
  }

  /**
   * The known predicates over the plan's output. Only what a node adds (and what a node that drops
   * or renames columns passes up) is checked against its output: a child's predicates read only
   * the child's output, which a node that keeps its child's columns outputs too, and checking them
   * again at every level above would walk every predicate and every output once per level.
   */
  private static List<Expression> collect(LogicalPlan plan, RuleContext context) {
    List<Expression> known = context.collected(plan);
    if (known == null) {
      // Read-only: parents copy what they extend, and pass-through nodes share their child's list.
      known = Collections.unmodifiableList(computeCollected(plan, context));
      context.rememberCollected(plan, known);
    }
    return known;
  }

  private static List<Expression> computeCollected(LogicalPlan plan, RuleContext context) {
    return switch (plan) {
      case Filter filter -> {
        List<Expression> all = new ArrayList<>(collect(filter.child(), context));
        addOverOutput(all, deterministic(Expressions.conjuncts(filter.condition())), plan);
        yield all;
      }
      case CsvRelation csv -> overOutput(csv.pushedFilters(), plan);
      case LocalRelation local -> List.of();
      case RangeRelation range -> List.of();
      // Constraints of the cached plan stay inside it: its output ids are the same, but keep it opaque.
      case InMemoryRelation cached -> List.of();
      case Project project -> overOutput(renamed(collect(project.child(), context), project.projectList()), plan);
      case Aggregate aggregate -> overOutput(renamed(collect(aggregate.child(), context), aggregate.groupings()), plan);
      case Join join -> switch (join.joinType()) {
        case INNER, CROSS -> {
          List<Expression> all = new ArrayList<>(collect(join.left(), context));
          all.addAll(collect(join.right(), context));
          addOverOutput(all, deterministic(PlanRewrites.conjunctsOf(join.condition())), plan);
          yield all;
        }
        // The preserved side's columns are all in the output.
        case LEFT_SEMI, LEFT_ANTI, LEFT_OUTER -> collect(join.left(), context);
        case RIGHT_OUTER -> collect(join.right(), context);
        case FULL_OUTER -> List.<Expression>of();
      };
      case Union union -> overOutput(unionConstraints(union, context), plan);
      // These output their child's columns (an alias requalifies them, with the same ids).
      case Sort sort -> collect(sort.child(), context);
      case Limit limit -> collect(limit.child(), context);
      // A replicated row is a copy of a child row: what held there holds here (for the columns kept).
      case ReplicateRows replicate -> overOutput(collect(replicate.child(), context), plan);
      case Distinct distinct -> collect(distinct.child(), context);
      case Repartition repartition -> collect(repartition.child(), context);
      case SubqueryAlias alias -> collect(alias.child(), context);
    };
  }

  /** The predicates that read only the plan's output columns. */
  private static List<Expression> overOutput(List<Expression> predicates, LogicalPlan plan) {
    List<Expression> kept = new ArrayList<>(predicates.size());
    addOverOutput(kept, predicates, plan);
    return kept;
  }

  /** Adds to {@code into} the predicates that read only the plan's output columns. */
  private static void addOverOutput(List<Expression> into, List<Expression> predicates, LogicalPlan plan) {
    if (predicates.isEmpty()) {
      return;
    }
    Set<Long> output = PlanRewrites.ids(plan.output());
    for (Expression predicate : predicates) {
      if (PlanRewrites.readsOnly(predicate, output)) {
        into.add(predicate);
      }
    }
  }

  private static List<Expression> deterministic(List<Expression> conjuncts) {
    return PlanRewrites.splitMovable(conjuncts).get(0);
  }

  /**
   * The predicates restated over a projection's output: a column passed through keeps its
   * predicates; an aliased expression's predicates are rewritten to read the alias.
   */
  private static List<Expression> renamed(List<Expression> predicates, List<Expression> namedExpressions) {
    Map<Expression, AttributeReference> aliasOf = new HashMap<>();
    for (Expression named : namedExpressions) {
      if (named instanceof Alias alias && alias.child().deterministic()) {
        aliasOf.putIfAbsent(PlanRewrites.canonical(alias.child()), alias.toAttribute());
      }
    }
    List<Expression> result = new ArrayList<>(predicates);
    if (aliasOf.isEmpty()) {
      return result;
    }
    for (Expression predicate : predicates) {
      Expression rewritten = Expressions.transformUp(predicate, node -> {
        AttributeReference alias = aliasOf.get(PlanRewrites.canonical(node));
        return alias == null ? node : alias;
      });
      if (!rewritten.equals(predicate)) {
        result.add(rewritten);
      }
    }
    return result;
  }

  /** The predicates that hold in every child, stated over the union's output. */
  private static List<Expression> unionConstraints(Union union, RuleContext context) {
    List<AttributeReference> output = union.output();
    Set<Expression> common = null;
    Map<Expression, Expression> firstForms = new LinkedHashMap<>();
    for (LogicalPlan child : union.children()) {
      Map<Long, Expression> toUnion = PlanRewrites.byPosition(child.output(), output);
      Set<Expression> forms = new LinkedHashSet<>();
      for (Expression predicate : collect(child, context)) {
        Expression restated = PlanRewrites.replaceAttributes(predicate, toUnion);
        Expression key = PlanRewrites.canonical(restated);
        forms.add(key);
        firstForms.putIfAbsent(key, restated);
      }
      if (common == null) {
        common = forms;
      } else {
        common.retainAll(forms);
      }
    }
    List<Expression> result = new ArrayList<>();
    for (Expression key : common) {
      result.add(firstForms.get(key));
    }
    return result;
  }
}
