package dev.ember.catalyst.optimizer.rules;

import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.PlanRewrites;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.planner.FilterSelectivity;
import dev.ember.catalyst.planner.SizeEstimation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reorders a chain of inner joins so that the largest table (the fact table) streams through the
 * chain once, probing the filtered tables it references, most selective first, each on the build
 * (right) side of its join; no cross product is built while a join
 * condition can connect the next input, and no input is joined by a condition that would multiply
 * the stream's rows while another input can be joined by a key:
 *
 * <pre>
 *   Join Inner, c.k = o.c AND c.n = s.n                  Project [c.k, c.n, o.c, o.k, l.o, l.s, s.s, s.n]
 *     Join Inner, o.k = l.o                                Join Inner, c.k = o.c AND c.n = s.n
 *       Join Inner                                           Join Inner, l.s = s.s
 *         Scan customer [k, n]         =&gt;                      Join Inner, l.o = o.k
 *         Filter date: Scan orders [c, k]                         Scan lineitem [o, s] (fact)
 *       Scan lineitem [o, s]                                      Filter date: Scan orders [c, k]
 *     Scan supplier [s, n]                                      Scan supplier [s, n]
 *                                                            Scan customer [k, n]
 * </pre>
 *
 * The chain is the tree of INNER and CROSS joins without broadcast hints below the visited join;
 * anything else (an outer, semi or anti join, a projection, a hinted join) is one input. With at
 * least three inputs, greedily:
 *
 * <ol>
 *   <li>start with the fact table: the input over the most unfiltered rows
 *       ({@link SizeEstimation#unfilteredRowCount}) that a condition conjunct connects to another;
 *   <li>then join, among the inputs that an equality conjunct connects as a <em>dimension</em> of
 *       one input already joined (its unfiltered rows are no more than that input's, so its column
 *       is taken for a key that each joined row meets at most once), the one whose filters keep
 *       the smallest share of its rows, then the one of fewest estimated rows
 *       ({@link SizeEstimation#rowCount}); Q5's customer is joined by its key from orders, not by
 *       its nation key from supplier (many-to-many: each supplier row would meet every customer
 *       of its nation);
 *   <li>a dimension that has filtered dimensions of its own (a snowflake branch: Q3's orders and the
 *       building segment's customers, Q5's supplier with nation and the one region) is joined to
 *       them first, ordered the same way, and the stream probes that joined branch: a bushy plan
 *       whose build side holds only the rows that survive the branch's filters;
 *   <li>when no input is a dimension of the joined ones, the one of fewest unfiltered rows that a
 *       conjunct connects; when none is connected, the one of fewest unfiltered rows (a cross
 *       join); the side of fewer unfiltered rows builds.
 * </ol>
 *
 * Without column statistics, "a key" is this size rule: a table referenced by a larger one. Each
 * conjunct goes to the lowest join that has all the columns it reads. A Project restores the
 * original column order. Row counts, not bytes, so that column pruning (which runs after this
 * rule) does not change a second run's choice, and a conjunct of the chain that reads one input
 * counts as that input's filter (the pushdown moves it there after this rule); ties keep the original order, and a chain already
 * in this order is left as it is. Not applied when a condition conjunct is non-deterministic,
 * nor when no conjunct is an equality of two inputs' columns (no order makes a hash join then).
 */
public final class ReorderJoin implements OptimizerRule {
  private static final Set<Class<? extends LogicalPlan>> REQUIRED_NODES = Set.of(Join.class);

  @Override
  public Set<Class<? extends LogicalPlan>> requiredNodes() {
    return REQUIRED_NODES;
  }

  @Override
  public LogicalPlan apply(LogicalPlan node) {
    if (!(node instanceof Join join) || !isChainJoin(join)) {
      return node;
    }
    List<LogicalPlan> inputs = new ArrayList<>();
    List<Expression> conjuncts = new ArrayList<>();
    flatten(join, inputs, conjuncts);
    if (inputs.size() < 3 || !allDeterministic(conjuncts)) {
      return node;
    }
    // Loops, not streams, and each set once per application: the greedy search asks about every
    // pair of inputs, and this runs on every action, mostly interpreted in a young JVM.
    List<Set<Long>> ids = new ArrayList<>(inputs.size());
    for (LogicalPlan input : inputs) {
      ids.add(PlanRewrites.ids(input.output()));
    }
    List<int[]> equalities = equalities(conjuncts, ids);
    if (equalities.isEmpty()) {
      return node;
    }
    List<Set<Long>> references = new ArrayList<>(conjuncts.size());
    for (Expression conjunct : conjuncts) {
      references.add(PlanRewrites.referenceIds(conjunct));
    }
    LogicalPlan reordered = greedy(inputs, ids, conjuncts, references, equalities);
    if (reordered.equals(join)) {
      return node;
    }
    List<AttributeReference> output = join.output();
    if (reordered.output().equals(output)) {
      return reordered;
    }
    return new Project(new ArrayList<Expression>(output), reordered);
  }

  private static boolean allDeterministic(List<Expression> conjuncts) {
    for (Expression conjunct : conjuncts) {
      if (!conjunct.deterministic()) {
        return false;
      }
    }
    return true;
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

  private static LogicalPlan greedy(List<LogicalPlan> inputs, List<Set<Long>> ids, List<Expression> conjuncts,
      List<Set<Long>> references, List<int[]> equalities) {
    int count = inputs.size();
    double[] rows = new double[count];
    double[] tables = new double[count];
    // One estimator for the application: the chain being built is estimated again as it grows.
    SizeEstimation sizes = SizeEstimation.memoized();
    for (int i = 0; i < count; i++) {
      rows[i] = sizes.estimatedRowCount(inputs.get(i));
      tables[i] = sizes.estimatedUnfilteredRowCount(inputs.get(i));
      // A conjunct on one input's columns is that input's filter (the pushdown moves it there
      // after this rule; counted now, a second run sees the same estimates).
      for (int c = 0; c < conjuncts.size(); c++) {
        Set<Long> read = references.get(c);
        if (!read.isEmpty() && ids.get(i).containsAll(read)) {
          rows[i] *= FilterSelectivity.of(conjuncts.get(c));
        }
      }
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    Chain chain = new Chain(inputs, conjuncts, inputsRead(ids, references), equalities, rows, tables,
        new boolean[conjuncts.size()], sizes);
    return chain.order(all);
  }

  /**
   * Per conjunct, per attribute id it reads, the inputs that output that id (none for an id of no
   * input): which inputs a conjunct reads, as input indexes, so that the search over pairs of
   * inputs and conjuncts tests flags instead of hashing ids into sets of ids.
   */
  private static int[][][] inputsRead(List<Set<Long>> ids, List<Set<Long>> references) {
    Map<Long, int[]> inputsOf = new HashMap<>();
    for (int input = 0; input < ids.size(); input++) {
      for (Long id : ids.get(input)) {
        int[] known = inputsOf.get(id);
        int[] extended = known == null ? new int[1] : Arrays.copyOf(known, known.length + 1);
        extended[extended.length - 1] = input;
        inputsOf.put(id, extended);
      }
    }
    int[][][] reads = new int[references.size()][][];
    for (int c = 0; c < references.size(); c++) {
      reads[c] = new int[references.get(c).size()][];
      int r = 0;
      for (Long id : references.get(c)) {
        reads[c][r++] = inputsOf.getOrDefault(id, new int[0]);
      }
    }
    return reads;
  }

  /**
   * The chain's inputs, conjuncts (with the inputs each reads, see {@link #inputsRead}) and
   * estimates, and which conjuncts a join already holds. Lives for one application of the rule, on
   * its thread.
   */
  private record Chain(List<LogicalPlan> inputs, List<Expression> conjuncts, int[][][] reads, List<int[]> equalities,
      double[] rows, double[] tables, boolean[] placed, SizeEstimation sizes) {

    /** The members (indexes of inputs) joined into one tree, the fact table streaming through its dimensions. */
    LogicalPlan order(List<Integer> members) {
      boolean[] used = new boolean[inputs.size()];
      // The fact table: the member over the most rows that some conjunct connects to another.
      int first = -1;
      boolean[] only = new boolean[inputs.size()];
      for (int i : members) {
        boolean linked = false;
        only[i] = true;
        for (int j : members) {
          linked |= i != j && connects(reads, placed, only, j);
        }
        only[i] = false;
        if (linked && (first < 0 || tables[i] > tables[first])) {
          first = i;
        }
      }
      if (first < 0) {
        first = members.get(0);
      }
      used[first] = true;
      LogicalPlan current = inputs.get(first);
      for (int remaining = members.size() - 1; remaining > 0; ) {
        int next = -1;
        int nextRank = -1;
        for (int i : members) {
          if (used[i]) {
            continue;
          }
          // 2: a dimension of a joined input; 1: connected by some conjunct; 0: neither.
          int rank = isDimension(i, used, equalities, tables) ? 2 : connects(reads, placed, used, i) ? 1 : 0;
          if (next < 0 || rank > nextRank || (rank == nextRank && before(i, next, rank, rows, tables))) {
            next = i;
            nextRank = rank;
          }
        }
        List<Integer> branch = nextRank == 2 ? branch(next, members, used) : List.of(next);
        // The joined inputs are the used ones: the branch's members join them now.
        for (int member : branch) {
          used[member] = true;
        }
        remaining -= branch.size();
        LogicalPlan input = branch.size() == 1 ? inputs.get(next) : order(branch);
        List<Expression> condition = new ArrayList<>();
        for (int c = 0; c < conjuncts.size(); c++) {
          // Conjuncts that read no column go to the first join.
          if (!placed[c] && readsOnly(reads[c], used)) {
            placed[c] = true;
            condition.add(conjuncts.get(c));
          }
        }
        JoinType type = condition.isEmpty() ? JoinType.CROSS : JoinType.INNER;
        // A dimension builds, so that the fact table's rows stream through every join; otherwise the smaller side builds.
        boolean inputOnRight = nextRank == 2 || tables[next] <= sizes.estimatedUnfilteredRowCount(current);
        current = inputOnRight
            ? new Join(current, input, type, PlanRewrites.conjunctionOrNull(condition), false, false)
            : new Join(input, current, type, PlanRewrites.conjunctionOrNull(condition), false, false);
      }
      return current;
    }

    /**
     * The dimension {@code next} with its own filtered dimensions (a snowflake branch), when it has
     * some: the unjoined members that an equality connects as a dimension of the branch (no more
     * unfiltered rows than the branch input it meets) and to no joined input, transitively. Joined
     * first, they shrink the dimension before the stream probes it (Q3's orders with the building
     * segment's customers: the stream then probes the orders of those customers only); a branch
     * without a filter would only widen the build side, so it stays one input.
     */
    private List<Integer> branch(int next, List<Integer> members, boolean[] used) {
      List<Integer> branch = new ArrayList<>(List.of(next));
      for (int k = 0; k < branch.size(); k++) {
        int member = branch.get(k);
        for (int[] equality : equalities) {
          int other = equality[0] == member ? equality[1] : equality[1] == member ? equality[0] : -1;
          if (other >= 0 && members.contains(other) && !used[other] && !branch.contains(other)
              && tables[other] <= tables[member] && !meetsJoined(other, used)) {
            branch.add(other);
          }
        }
      }
      boolean filtered = false;
      for (int member : branch.subList(1, branch.size())) {
        filtered |= rows[member] < tables[member];
      }
      return filtered ? branch : List.of(next);
    }

    /** Whether an equality connects input {@code i} to a joined input (it is then the stream's own dimension). */
    private boolean meetsJoined(int i, boolean[] used) {
      for (int[] equality : equalities) {
        int other = equality[0] == i ? equality[1] : equality[1] == i ? equality[0] : -1;
        if (other >= 0 && used[other]) {
          return true;
        }
      }
      return false;
    }
  }

  /** Whether candidate {@code i} goes before {@code other} among inputs of the same rank. */
  private static boolean before(int i, int other, int rank, double[] rows, double[] tables) {
    if (rank == 2) {
      // The dimension whose filters keep the smallest share of its rows shrinks the stream most.
      double share = rows[i] / Math.max(1, tables[i]);
      double otherShare = rows[other] / Math.max(1, tables[other]);
      if (share != otherShare) {
        return share < otherShare;
      }
      return rows[i] < rows[other];
    }
    // Unfiltered rows, which do not move when filters sink into the inputs after this rule.
    return tables[i] < tables[other];
  }

  /**
   * Whether an equality conjunct joins input {@code i} to a joined input over at least as many
   * unfiltered rows: {@code i} is then taken for a table that the joined one references by key.
   */
  private static boolean isDimension(int i, boolean[] used, List<int[]> equalities, double[] tables) {
    for (int[] equality : equalities) {
      int other = equality[0] == i ? equality[1] : equality[1] == i ? equality[0] : -1;
      if (other >= 0 && used[other] && tables[i] <= tables[other]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The equality conjuncts whose sides each read one input (different ones), as pairs of input
   * indexes: the conjuncts a hash join can use as keys.
   */
  private static List<int[]> equalities(List<Expression> conjuncts, List<Set<Long>> ids) {
    List<int[]> pairs = new ArrayList<>();
    for (Expression conjunct : conjuncts) {
      if (conjunct instanceof Comparison(ComparisonOperator operator, Expression left, Expression right)
          && operator == ComparisonOperator.EQUAL) {
        int leftInput = soleInput(left, ids);
        int rightInput = soleInput(right, ids);
        if (leftInput >= 0 && rightInput >= 0 && leftInput != rightInput) {
          pairs.add(new int[] {leftInput, rightInput});
        }
      }
    }
    return pairs;
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

  /**
   * Whether an unplaced conjunct reads both the joined inputs and the candidate input, and nothing
   * else ({@code reads}: per conjunct, per id it reads, the inputs that have the id).
   */
  private static boolean connects(int[][][] reads, boolean[] placed, boolean[] joined, int candidate) {
    for (int c = 0; c < reads.length; c++) {
      if (placed[c]) {
        continue;
      }
      boolean readsJoined = false;
      boolean readsCandidate = false;
      boolean readsOnlyThese = true;
      for (int[] owners : reads[c]) {
        boolean inJoined = false;
        boolean inCandidate = false;
        for (int owner : owners) {
          inJoined |= joined[owner];
          inCandidate |= owner == candidate;
        }
        readsJoined |= inJoined;
        readsCandidate |= inCandidate;
        readsOnlyThese &= inJoined || inCandidate;
      }
      if (readsJoined && readsCandidate && readsOnlyThese) {
        return true;
      }
    }
    return false;
  }

  /** Whether every id a conjunct reads ({@code owners}: per id, the inputs that have it) is an id of a joined input. */
  private static boolean readsOnly(int[][] owners, boolean[] joined) {
    for (int[] inputs : owners) {
      boolean found = false;
      for (int input : inputs) {
        found |= joined[input];
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
