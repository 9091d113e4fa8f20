package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.planner.SizeEstimation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reorders a chain of inner joins so that no cross product is built while a join condition can
 * connect the next input, and the smaller estimated input of each join is its build (right) side:
 *
 * <pre>
 *   Join Inner, b.y = c.y                         Project [a.x, b.x, b.y, c.y]
 *     Join Cross                                    Join Inner, b.y = c.y
 *       Scan a [x] (big)               =&gt;             Join Inner, a.x = b.x
 *       Scan b [x, y] (medium)                          Scan a [x] (big)
 *     Scan c [y] (small), a.x = b.x (in the                Scan b [x, y] (medium)
 *                                     top condition)    Scan c [y] (small)
 * </pre>
 *
 * The chain is the tree of INNER and CROSS joins without broadcast hints below the visited join;
 * anything else (an outer, semi or anti join, a projection, a hinted join) is one input. With at
 * least three inputs, greedily: start with the smallest input by {@link SizeEstimation} that a
 * condition conjunct connects to another input, then
 * repeatedly join the smallest input that a condition conjunct connects to the inputs joined so
 * far (the smallest remaining input when none is connected), with the smaller of the two sides on
 * the right. Each conjunct goes to the lowest join that has all the columns it reads. A Project
 * restores the original column order. Ties keep the original order, and a chain already in
 * greedy order is left as it is, so a second run changes nothing. Not applied when a condition
 * conjunct is non-deterministic.
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
    if (inputs.size() < 3 || conjuncts.stream().anyMatch(conjunct -> !conjunct.deterministic())) {
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
    long[] sizes = new long[count];
    List<Set<Long>> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sizes[i] = SizeEstimation.sizeInBytes(inputs.get(i));
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
      boolean inputOnRight = sizes[next] <= SizeEstimation.sizeInBytes(current);
      current = inputOnRight
          ? new Join(current, input, type, PlanRewrites.conjunctionOrNull(condition), false, false)
          : new Join(input, current, type, PlanRewrites.conjunctionOrNull(condition), false, false);
      joined = both;
    }
    return current;
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
