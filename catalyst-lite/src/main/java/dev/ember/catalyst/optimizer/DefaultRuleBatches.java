package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.optimizer.rules.InferFiltersFromConstraints;
import dev.ember.catalyst.optimizer.rules.PruneColumns;
import dev.ember.catalyst.optimizer.rules.PushColumnsIntoScan;
import dev.ember.catalyst.optimizer.rules.PushDownPredicates;
import dev.ember.catalyst.optimizer.rules.PushFiltersIntoScan;
import dev.ember.catalyst.optimizer.rules.ReorderJoin;
import java.util.ArrayList;
import java.util.List;

/** The optimizer's ordered rule batches, each with the reason for its place in the order. */
public final class DefaultRuleBatches {
  private DefaultRuleBatches() {}

  public static List<RuleBatch> batches() {
    List<RuleBatch> batches = new ArrayList<>();
    batches.addAll(pushdownBatches());
    return List.copyOf(batches);
  }

  // --- Pushdown, pruning, inferred filters, join order (helper "pushdown") -----------------------
  /** The pushdown helper's batches, in order; the simplification batches belong before them. */
  public static List<RuleBatch> pushdownBatches() {
    return List.of(
        // Join order first: WHERE conjuncts move into the inner join conditions, so that the
        // reordering sees every condition that connects two inputs.
        new RuleBatch("Join reorder", 20, List.of(new PushDownPredicates(), new ReorderJoin())),
        // Filters sink towards the scans, inferred filters are added on join sides (and sink in
        // turn), and every operator keeps only the columns used above it.
        new RuleBatch("Operator pushdown", 100,
            List.of(new PushDownPredicates(), new InferFiltersFromConstraints(), new PruneColumns())),
        // Last, once filters and projections sit right above the scans: the scans take them in.
        new RuleBatch("Scan pushdown", 20, List.of(new PushFiltersIntoScan(), new PushColumnsIntoScan())));
  }
}
