package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.optimizer.rules.CollapseProject;
import dev.ember.catalyst.optimizer.rules.CombineFilters;
import dev.ember.catalyst.optimizer.rules.CombineLimits;
import dev.ember.catalyst.optimizer.rules.EliminateOuterJoin;
import dev.ember.catalyst.optimizer.rules.FoldConstants;
import dev.ember.catalyst.optimizer.rules.PropagateNulls;
import dev.ember.catalyst.optimizer.rules.PruneFilters;
import dev.ember.catalyst.optimizer.rules.PushLimitDown;
import dev.ember.catalyst.optimizer.rules.RemoveRedundantProject;
import dev.ember.catalyst.optimizer.rules.SimplifyBooleans;
import dev.ember.catalyst.optimizer.rules.SimplifyCasts;
import java.util.ArrayList;
import java.util.List;

/** The optimizer's ordered rule batches, each with the reason for its place in the order. */
public final class DefaultRuleBatches {
  /** Spark's fixed-point cap: a batch that has not settled after this many passes moves on. */
  public static final int FIXED_POINT_PASSES = 100;

  private DefaultRuleBatches() {}

  public static List<RuleBatch> batches() {
    return List.of(
        // 1. Expressions first: folded constants and null literals are what PruneFilters and
        //    EliminateOuterJoin look for, and smaller expressions are cheaper to move later.
        new RuleBatch("Simplify expressions", FIXED_POINT_PASSES, expressionSimplification()),
        // 2. Then the trivial operators: constant filters go (a false one empties its subtree
        //    before anything is pushed into it), and stacked filters, limits and projections
        //    merge, so that the pushdown batch sees one node of each kind.
        new RuleBatch("Simplify operators", FIXED_POINT_PASSES, List.of(
            new PruneFilters(),
            new CombineFilters(),
            new CombineLimits(),
            new CollapseProject(),
            new RemoveRedundantProject())),
        // 3. Operator pushdown, to a fixed point together with the rules that clean up after it.
        new RuleBatch("Push down operators", FIXED_POINT_PASSES, operatorPushdown())
        // 4. [PushDownPredicates helper] "Infer filters" (once): InferFiltersFromConstraints, then
        //    the "Push down operators" rules again so that the inferred filters sink.
        // 5. [PushDownPredicates helper] "Join reorder" (once): ReorderJoin, when every filter is
        //    in place so that join conditions connect the tables.
        // 6. [PushDownPredicates helper] "Scan pushdown" (once, last): PushScanFilters and the
        //    scan columns, when filters and projections no longer move.
        );
  }

  /** Rules that rewrite expressions inside a node and leave the operators alone. */
  static List<OptimizerRule> expressionSimplification() {
    return List.of(new FoldConstants(), new PropagateNulls(), new SimplifyBooleans(), new SimplifyCasts());
  }

  /**
   * EliminateOuterJoin runs before predicate pushdown: an inner join takes filters into both
   * sides, an outer one only into one. Pushdown leaves filters over filters, projections over
   * projections and substituted constants behind, so the combining and simplifying rules follow in
   * the same batch.
   */
  static List<OptimizerRule> operatorPushdown() {
    List<OptimizerRule> rules = new ArrayList<>();
    rules.add(new EliminateOuterJoin());
    // [PushDownPredicates helper] PushDownPredicates goes here.
    rules.add(new PushLimitDown());
    // [PushDownPredicates helper] ColumnPruning goes here.
    rules.add(new CombineFilters());
    rules.add(new CombineLimits());
    rules.add(new CollapseProject());
    rules.add(new RemoveRedundantProject());
    rules.addAll(expressionSimplification());
    rules.add(new PruneFilters());
    return rules;
  }
}
