package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.planner.SizeEstimation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reorders a chain of inner joins so that no cross product is built while a join condition can
 * connect the next input, and the smaller estimated input of each join is its build (right) side:
 * small filtered dimensions are joined first and the large fact table probes their join last.
 *
 * <pre>
 *   Join Inner, b.y = c.y                         Project [a.x, b.x, b.y, c.y]
 *     Join Cross                                    Join Inner, a.x = b.x
 *       Scan a [x] (big)               =&gt;             Scan a [x] (big)
 *       Scan b [x, y] (medium)                        Join Inner, b.y = c.y
 *     Scan c [y] (small), a.x = b.x (in the             Scan b [x, y] (medium)
 *                                     top condition)    Scan c [y] (small)
 * </pre>
 *
 * The chain is the tree of INNER and CROSS joins without broadcast hints below the visited join;
 * anything else (an outer, semi or anti join, a projection, a hinted join) is one input. With at
 * least three inputs, greedily: start with the smallest input that a condition conjunct connects
 * to another input, then repeatedly join the smallest input that a condition conjunct connects to
 * the inputs joined so far (the smallest remaining input when none is connected), with the smaller
 * of the two sides on the right. Sizes are {@link SizeEstimation#rowCount estimated row counts}:
 * filters scale them by their selectivity, and column pruning and scan pushdown, which run after
 * this rule, leave them as they are (bytes would change with the pruned width, and a second
 * optimizer run could then pick another order). Each conjunct goes to the lowest join that has
 * all the columns it reads. A Project restores the original column order. Ties keep the original
 * order, and a chain already in greedy order is left as it is, so a second run changes nothing.
 * Not applied when a condition conjunct is non-deterministic, nor when no conjunct is an equality
 * of two inputs' columns (no order makes a hash join then).
 */
public final class ReorderJoin implements OptimizerRule {

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Join join) || !isChainJoin(join)) {
      return node;
    }
    List<LogicalPlan> inputs = new ArrayList<>();
    List<Expression> conjuncts = new ArrayList<>();
    flatten(join, inputs, conjuncts);
    if (inputs.size() < 3 || conjuncts.stream().anyMatch(conjunct -> !conjunct.deterministic())
        || !hasEquiCondition(inputs, conjuncts)) {
      return node;
    }
    LogicalPlan reordered = greedy(inputs, conjuncts);
    if (reordered.equals(join)) {
      return node;
    }
    List<AttributeReference> output = join.output();
    if (reordered.output().equals(output)) {
      return reordered;
    }
    return new Project(new ArrayList<Expression>(output), reordered);
  }

  private static boolean isChainJoin(LogicalPlan plan) {
    return plan instanceof Join join && (join.joinType() == JoinType.INNER || join.joinType() == JoinType.CROSS)
        && !join.broadcastLeft() && !join.broadcastRight();
  }

  private static void flatten(LogicalPlan plan, List<LogicalPlan> inputs, List<Expression> conjuncts) {
    if (isChainJoin(plan)) {
      Join join = (Join) plan;
      flatten(join.left(), inputs, conjuncts);
      flatten(join.right(), inputs, conjuncts);
      conjuncts.addAll(PlanRewrites.conjunctsOf(join.condition()));
    } else {
      inputs.add(plan);
    }
  }

  private static LogicalPlan greedy(List<LogicalPlan> inputs, List<Expression> conjuncts) {
    int count = inputs.size();
    double[] sizes = new double[count];
    List<Set<Long>> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sizes[i] = SizeEstimation.rowCount(inputs.get(i));
      ids.add(PlanRewrites.ids(inputs.get(i).output()));
    }
    boolean[] used = new boolean[count];
    boolean[] placed = new boolean[conjuncts.size()];
    // Start with the smallest input that some conjunct connects to another (a cross product is
    // then built only when the connected inputs run out).
    boolean[] linked = new boolean[count];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < count; j++) {
        linked[i] |= i != j && connects(conjuncts, placed, ids.get(i), ids.get(j));
      }
    }
    int first = 0;
    for (int i = 1; i < count; i++) {
      if ((linked[i] && !linked[first]) || (linked[i] == linked[first] && sizes[i] < sizes[first])) {
        first = i;
      }
    }
    used[first] = true;
    LogicalPlan current = inputs.get(first);
    Set<Long> joined = new HashSet<>(ids.get(first));
    for (int step = 1; step < count; step++) {
      int next = -1;
      boolean nextConnected = false;
      for (int i = 0; i < count; i++) {
        if (used[i]) {
          continue;
        }
        boolean connected = connects(conjuncts, placed, joined, ids.get(i));
        if (next < 0 || (connected && !nextConnected) || (connected == nextConnected && sizes[i] < sizes[next])) {
          next = i;
          nextConnected = connected;
        }
      }
      used[next] = true;
      Set<Long> both = new HashSet<>(joined);
      both.addAll(ids.get(next));
      List<Expression> condition = new ArrayList<>();
      for (int c = 0; c < conjuncts.size(); c++) {
        // Conjuncts that read no column go to the first join.
        if (!placed[c] && PlanRewrites.readsOnly(conjuncts.get(c), both)) {
          placed[c] = true;
          condition.add(conjuncts.get(c));
        }
      }
      LogicalPlan input = inputs.get(next);
      JoinType type = condition.isEmpty() ? JoinType.CROSS : JoinType.INNER;
      boolean inputOnRight = sizes[next] <= SizeEstimation.rowCount(current);
      current = inputOnRight
          ? new Join(current, input, type, PlanRewrites.conjunctionOrNull(condition), false, false)
          : new Join(input, current, type, PlanRewrites.conjunctionOrNull(condition), false, false);
      joined = both;
    }
    return current;
  }

  /**
   * Whether some conjunct is an equality of two inputs' columns: without one every join of the
   * chain is a nested loop whatever the order, and the order the user wrote is kept.
   */
  private static boolean hasEquiCondition(List<LogicalPlan> inputs, List<Expression> conjuncts) {
    List<Set<Long>> ids = inputs.stream().map(input -> PlanRewrites.ids(input.output())).toList();
    for (Expression conjunct : conjuncts) {
      if (conjunct instanceof Comparison(ComparisonOperator operator, Expression left, Expression right)
          && operator == ComparisonOperator.EQUAL) {
        int leftInput = soleInput(left, ids);
        int rightInput = soleInput(right, ids);
        if (leftInput >= 0 && rightInput >= 0 && leftInput != rightInput) {
          return true;
        }
      }
    }
    return false;
  }

  /** The input whose columns alone the expression reads, or -1 (none, or several). */
  private static int soleInput(Expression expression, List<Set<Long>> ids) {
    Set<Long> references = PlanRewrites.referenceIds(expression);
    if (references.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).containsAll(references)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether an unplaced conjunct reads both the joined inputs and the candidate, and nothing else. */
  private static boolean connects(List<Expression> conjuncts, boolean[] placed, Set<Long> joined, Set<Long> candidate) {
    for (int c = 0; c < conjuncts.size(); c++) {
      if (placed[c]) {
        continue;
      }
      Set<Long> references = PlanRewrites.referenceIds(conjuncts.get(c));
      boolean readsJoined = references.stream().anyMatch(joined::contains);
      boolean readsCandidate = references.stream().anyMatch(candidate::contains);
      boolean readsOnlyThese = references.stream().allMatch(id -> joined.contains(id) || candidate.contains(id));
      if (readsJoined && readsCandidate && readsOnlyThese) {
        return true;
      }
    }
    return false;
  }
}
