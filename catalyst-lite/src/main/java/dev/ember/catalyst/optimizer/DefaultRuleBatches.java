package dev.ember.catalyst.optimizer;

import java.util.List;

/** The optimizer's ordered rule batches, each with the reason for its place in the order. */
public final class DefaultRuleBatches {
  private DefaultRuleBatches() {}

  public static List<RuleBatch> batches() {
    return List.of();
  }
}
