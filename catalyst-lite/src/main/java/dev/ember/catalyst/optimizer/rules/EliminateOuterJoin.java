package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.Literal;
import dev.ember.core.plan.JoinType;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an outer join into a less outer one when the filter above it drops every row that the
 * outer join fills with nulls. A conjunct of the filter is null-rejecting for a side when it reads
 * only that side's columns and is null or false with all of them null (checked by evaluating it
 * with null literals, with the engine's own evaluator). Then LEFT becomes INNER (right side
 * rejected), RIGHT becomes INNER (left side rejected), and FULL becomes LEFT, RIGHT or INNER.
 *
 * <pre>
 *   Filter (r.b &gt; 1)                     Filter (r.b &gt; 1)
 *     Join LeftOuter (l.a = r.a)   ==&gt;     Join Inner (l.a = r.a)
 *       Relation [l.a]                        Relation [l.a]
 *       Relation [r.a, r.b]                   Relation [r.a, r.b]
 * </pre>
 *
 * Does not fire for {@code r.b IS NULL} or {@code coalesce(r.b, 0) > 1} (true for a filled row),
 * for a conjunct that reads both sides, or for a non-deterministic one.
 */
public final class EliminateOuterJoin implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Filter.class, Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Filter filter) || !(filter.child() instanceof Join join)) {
      return node;
    }
    JoinType type = join.joinType();
    if (type != JoinType.LEFT_OUTER && type != JoinType.RIGHT_OUTER && type != JoinType.FULL_OUTER) {
      return node;
    }
    List<Expression> conjuncts = Expressions.conjuncts(filter.condition());
    boolean leftRejected = rejectsNulls(conjuncts, join.left().output());
    boolean rightRejected = rejectsNulls(conjuncts, join.right().output());
    JoinType newType = switch (type) {
      case LEFT_OUTER -> rightRejected ? JoinType.INNER : type;
      case RIGHT_OUTER -> leftRejected ? JoinType.INNER : type;
      case FULL_OUTER -> leftRejected && rightRejected
          ? JoinType.INNER
          : leftRejected ? JoinType.LEFT_OUTER : rightRejected ? JoinType.RIGHT_OUTER : type;
      case INNER, LEFT_SEMI, LEFT_ANTI, CROSS -> type;
    };
    if (newType == type) {
      return node;
    }
    Join inner = new Join(join.left(), join.right(), newType, join.condition(), join.broadcastLeft(), join.broadcastRight());
    return new Filter(filter.condition(), inner);
  }

  /** Whether some conjunct reads only {@code side} and is not true when all it reads is null. */
  private static boolean rejectsNulls(List<Expression> conjuncts, List<AttributeReference> side) {
    Set<Long> sideIds = new HashSet<>();
    for (AttributeReference attribute : side) {
      sideIds.add(attribute.id());
    }
    for (Expression conjunct : conjuncts) {
      Set<AttributeReference> references = Expressions.references(conjunct);
      if (!conjunct.deterministic() || references.isEmpty()
          || !references.stream().allMatch(attribute -> sideIds.contains(attribute.id()))) {
        continue;
      }
      Expression withNulls = Expressions.transformUp(conjunct,
          expression -> expression instanceof AttributeReference attribute ? Literal.nullOf(attribute.type()) : expression);
      Optional<Literal> value = ConstantEvaluator.evaluate(withNulls);
      if (value.isPresent() && !Boolean.TRUE.equals(value.get().value())) {
        return true;
      }
    }
    return false;
  }
}
