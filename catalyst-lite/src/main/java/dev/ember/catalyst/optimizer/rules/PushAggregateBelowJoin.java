package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.rewrite.PlanRewrites.ids;
import static dev.ember.catalyst.rewrite.PlanRewrites.referenceIds;

import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Eager aggregation (Yan and Larson): sums, minima and maxima of one join input's columns are
 * first aggregated by that input's join keys, below the join, and the aggregate above combines the
 * partial results. A fact table joined to a whole dimension table then sends one row per key, not
 * one per fact row, through the join and the (often string-heavy) grouping above it.
 *
 * <pre>
 *   Aggregate [c_name], [sum(price) AS r]              Aggregate [c_name], [sum(p) AS r]
 *     Join Inner (o_custkey = c_custkey)        =&gt;       Join Inner (o_custkey = c_custkey)
 *       Scan orders [o_custkey, price]                     Aggregate [o_custkey], [sum(price) AS p]
 *       Scan customer [c_custkey, c_name]                    Scan orders [o_custkey, price]
 *                                                          Scan customer [c_custkey, c_name]
 * </pre>
 *
 * Exact because every row of the side S is joined to the same rows of the other side as every
 * other S row of its key: a partial sum joined n times adds what its n rows joined would, and
 * minima and maxima do not care how often a value repeats. It applies when:
 * <ul>
 *   <li>every aggregate is sum over an exact type (integral, DECIMAL; not DOUBLE: a changed order
 *       of additions changes the rounding), min or max of a deterministic argument, reading S's
 *       columns only (the measures).
 *       count and avg would need a count below and a multiplication above: not done yet;</li>
 *   <li>the aggregate has groupings (a global aggregate gives a row even with no input);</li>
 *   <li>between the aggregate and the join there are only projections that pass the measures through
 *       as bare columns, aliases, and inner joins whose conditions do not read them; no grouping
 *       reads them;</li>
 *   <li>the join is inner, and nothing above it reads S's columns other than the measures and the
 *       join keys K (else there is no reduction to expect); K is not empty (a keyless partial
 *       aggregate would give a row for an empty S);</li>
 *   <li>the other side is a scan (through projections, aliases and {@code IS NOT NULL} filters):
 *       without statistics this is the case where aggregating first can only remove rows, a foreign
 *       key into a whole dimension table, whereas a selective other side (a filtered or joined
 *       one) would drop most S rows in the join, cheaper than aggregating them all first.</li>
 * </ul>
 * The highest join on the path that qualifies is chosen. The aggregate above keeps its output
 * (ids and types): its sums declare the original result type, and the partial decimal sums are
 * DECIMAL(38, s), so that a sum only turns null past the digits it could hold anyway (a sum beyond
 * 38 digits that later terms would have brought back in range is null in either plan, depending
 * on how the additions are split, as with the partitions of a two-phase aggregate). Integral sums
 * wrap modulo 2^64 in both plans.
 */
public final class PushAggregateBelowJoin implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Aggregate.class, Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Aggregate aggregate) || aggregate.groupings().isEmpty()) {
      return node;
    }
    Set<Long> measures = new HashSet<>();
    for (NamedAggregate named : aggregate.aggregates()) {
      if (!splittable(named.function())) {
        return node;
      }
      measures.addAll(referenceIds(named.function().arguments()));
    }
    Set<Long> needed = referenceIds(aggregate.groupings());
    if (measures.isEmpty() || overlaps(needed, measures)) {
      return node;
    }
    Rewritten rewritten = rewritePath(aggregate.child(), aggregate.aggregates(), measures, needed);
    if (rewritten == null) {
      return node;
    }
    List<NamedAggregate> combined = new ArrayList<>();
    for (int i = 0; i < aggregate.aggregates().size(); i++) {
      NamedAggregate original = aggregate.aggregates().get(i);
      AggregateFunction function = original.function();
      // The original result type, not the one for the partial's type: the output must stay.
      combined.add(new NamedAggregate(
          new AggregateFunction(function.kind(), List.of(rewritten.partials().get(i)), function.resultType()),
          original.name(), original.id()));
    }
    return new Aggregate(aggregate.groupings(), combined, rewritten.plan());
  }

  /** A path rewritten, and the partial results' attributes it outputs in place of the measures. */
  private record Rewritten(LogicalPlan plan, List<AttributeReference> partials) {}

  /**
   * An aggregate that combines from partial results of the same kind, exactly; over a deterministic
   * argument (below the join a non-deterministic one would run once per S row, not once per joined row).
   */
  private static boolean splittable(AggregateFunction function) {
    if (!function.arguments().stream().allMatch(Expression::deterministic)) {
      return false;
    }
    return switch (function.kind()) {
      case SUM -> switch (function.arguments().get(0).type().kind()) {
        case INT, LONG, DECIMAL -> true;
        case DOUBLE, BOOLEAN, STRING, DATE, TIMESTAMP -> false;
      };
      case MIN, MAX -> true;
      case COUNT_ROWS, COUNT, COUNT_DISTINCT, AVG, FIRST, SINGLE_VALUE -> false;
    };
  }

  /**
   * {@code plan} with the partial aggregate below its highest qualifying join, or null.
   * {@code needed}: the ids that the nodes above read, other than the measures passed through.
   */
  private static Rewritten rewritePath(
      LogicalPlan plan, List<NamedAggregate> aggregates, Set<Long> measures, Set<Long> needed) {
    if (plan instanceof Project project) {
      Set<Long> neededBelow = new HashSet<>(needed);
      for (Expression expression : project.projectList()) {
        if (expression instanceof AttributeReference attribute && measures.contains(attribute.id())) {
          continue;
        }
        Set<Long> read = referenceIds(expression);
        if (overlaps(read, measures)) {
          return null;
        }
        neededBelow.addAll(read);
      }
      Rewritten child = rewritePath(project.child(), aggregates, measures, neededBelow);
      if (child == null) {
        return null;
      }
      // The partial results take the place of the first measure; the other measures go.
      List<Expression> projectList = new ArrayList<>();
      boolean placed = false;
      for (Expression expression : project.projectList()) {
        if (expression instanceof AttributeReference attribute && measures.contains(attribute.id())) {
          if (!placed) {
            projectList.addAll(child.partials());
            placed = true;
          }
        } else {
          projectList.add(expression);
        }
      }
      return new Rewritten(new Project(projectList, child.plan()), child.partials());
    }
    if (plan instanceof SubqueryAlias alias) {
      Rewritten child = rewritePath(alias.child(), aggregates, measures, needed);
      return child == null ? null : new Rewritten(new SubqueryAlias(alias.alias(), child.plan()), child.partials());
    }
    if (!(plan instanceof Join join) || join.joinType() != JoinType.INNER) {
      return null;
    }
    Set<Long> conditionReads = join.condition() == null ? Set.of() : referenceIds(join.condition());
    if (overlaps(conditionReads, measures)) {
      return null;
    }
    boolean measuresLeft = ids(join.left().output()).containsAll(measures);
    if (!measuresLeft && !ids(join.right().output()).containsAll(measures)) {
      return null;
    }
    LogicalPlan side = measuresLeft ? join.left() : join.right();
    LogicalPlan other = measuresLeft ? join.right() : join.left();
    Set<Long> neededHere = new HashSet<>(needed);
    neededHere.addAll(conditionReads);
    Rewritten below = partialAggregate(side, other, aggregates, conditionReads, needed);
    if (below == null) {
      below = rewritePath(side, aggregates, measures, neededHere);
      if (below == null) {
        return null;
      }
    }
    Join rewritten = measuresLeft
        ? new Join(below.plan(), join.right(), join.joinType(), join.condition(), join.broadcastLeft(), join.broadcastRight())
        : new Join(join.left(), below.plan(), join.joinType(), join.condition(), join.broadcastLeft(), join.broadcastRight());
    return new Rewritten(rewritten, below.partials());
  }

  /** {@code side} aggregated by its join keys, or null when this join does not qualify. */
  private static Rewritten partialAggregate(LogicalPlan side, LogicalPlan other, List<NamedAggregate> aggregates,
      Set<Long> conditionReads, Set<Long> neededAbove) {
    if (!wholeScan(other)) {
      return null;
    }
    List<AttributeReference> keys = new ArrayList<>();
    Set<Long> keyIds = new HashSet<>();
    for (AttributeReference attribute : side.output()) {
      if (conditionReads.contains(attribute.id())) {
        keys.add(attribute);
        keyIds.add(attribute.id());
      }
    }
    if (keys.isEmpty() || alreadyGroupedBy(side, keyIds)) {
      return null;
    }
    for (AttributeReference attribute : side.output()) {
      if (neededAbove.contains(attribute.id()) && !keyIds.contains(attribute.id())) {
        return null;
      }
    }
    List<NamedAggregate> partial = new ArrayList<>();
    List<AttributeReference> partials = new ArrayList<>();
    for (NamedAggregate named : aggregates) {
      AggregateFunction function = named.function();
      ColumnType argument = function.arguments().get(0).type();
      // A decimal partial sum holds 38 digits, so that it is null only past what any sum could hold.
      AggregateFunction below = function.kind() == AggregateKind.SUM && argument.kind() == TypeKind.DECIMAL
          ? new AggregateFunction(function.kind(), function.arguments(),
              ColumnType.decimal(DecimalTypes.MAX_PRECISION, argument.scale()))
          : AggregateFunction.of(function.kind(), function.arguments());
      NamedAggregate result = new NamedAggregate(below, "partial_" + named.name(), ExpressionIds.next());
      partial.add(result);
      partials.add(result.toAttribute());
    }
    return new Rewritten(new Aggregate(List.copyOf(keys), partial, side), partials);
  }

  /**
   * Whether {@code plan} is already grouped by some of {@code keys} (under projections and aliases):
   * one row per key, so a second partial aggregate would remove nothing (and this rule would fire
   * again on its own output).
   */
  private static boolean alreadyGroupedBy(LogicalPlan plan, Set<Long> keys) {
    LogicalPlan current = plan;
    while (current instanceof Project || current instanceof SubqueryAlias) {
      current = current.children().get(0);
    }
    return current instanceof Aggregate aggregate && !aggregate.groupings().isEmpty()
        && keys.containsAll(ids(aggregate.groupings().stream().map(Project::toAttribute).toList()));
  }

  /** A scan of a whole table: filters on it only drop null keys, which an inner join drops anyway. */
  private static boolean wholeScan(LogicalPlan plan) {
    return switch (plan) {
      case Project project -> wholeScan(project.child());
      case SubqueryAlias alias -> wholeScan(alias.child());
      case Filter filter -> onlyNullChecks(Expressions.conjuncts(filter.condition())) && wholeScan(filter.child());
      case CsvRelation csv -> onlyNullChecks(csv.pushedFilters());
      case LocalRelation local -> true;
      case InMemoryRelation cached -> true;
      case RangeRelation range -> true;
      case Aggregate aggregate -> false;
      case Join join -> false;
      case Sort sort -> false;
      case Limit limit -> false;
      case Union union -> false;
      case Distinct distinct -> false;
      case Repartition repartition -> false;
      case ReplicateRows replicate -> false;
    };
  }

  private static boolean onlyNullChecks(List<Expression> conjuncts) {
    for (Expression conjunct : conjuncts) {
      if (!(conjunct instanceof IsNotNull check) || !(check.child() instanceof AttributeReference)) {
        return false;
      }
    }
    return true;
  }

  private static boolean overlaps(Set<Long> first, Set<Long> second) {
    for (Long id : first) {
      if (second.contains(id)) {
        return true;
      }
    }
    return false;
  }
}
