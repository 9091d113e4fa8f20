package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.optimizer.rules.CollapseProject;
import dev.ember.catalyst.optimizer.rules.CombineFilters;
import dev.ember.catalyst.optimizer.rules.CombineLimits;
import dev.ember.catalyst.optimizer.rules.EliminateOuterJoin;
import dev.ember.catalyst.optimizer.rules.FoldConstants;
import dev.ember.catalyst.optimizer.rules.InferFiltersFromConstraints;
import dev.ember.catalyst.optimizer.rules.PropagateNulls;
import dev.ember.catalyst.optimizer.rules.PruneColumns;
import dev.ember.catalyst.optimizer.rules.PruneFilters;
import dev.ember.catalyst.optimizer.rules.PushAggregateBelowJoin;
import dev.ember.catalyst.optimizer.rules.PushColumnsIntoScan;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughAggregate;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughDistinct;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughJoin;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughProject;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughRepartition;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughSort;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughSubqueryAlias;
import dev.ember.catalyst.optimizer.rules.PushFilterThroughUnion;
import dev.ember.catalyst.optimizer.rules.PushJoinConditionIntoSides;
import dev.ember.catalyst.optimizer.rules.PushFiltersIntoScan;
import dev.ember.catalyst.optimizer.rules.PushLimitDown;
import dev.ember.catalyst.optimizer.rules.RemoveRedundantProject;
import dev.ember.catalyst.optimizer.rules.ReorderJoin;
import dev.ember.catalyst.optimizer.rules.ExtractCommonConjuncts;
import dev.ember.catalyst.optimizer.rules.SimplifyBooleans;
import dev.ember.catalyst.optimizer.rules.SimplifyCasts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.ember.catalyst.rewrite.OptimizerRule;

/** The optimizer's ordered rule batches, each with the reason for its place in the order. */
public final class DefaultRuleBatches {
  /** Spark's fixed-point cap: a batch that has not settled after this many passes moves on. */
  public static final int FIXED_POINT_PASSES = 100;

  private DefaultRuleBatches() {}

  public static List<RuleBatch> batches() {
    List<RuleBatch> batches = new ArrayList<>();
    // 1. Expressions first: folded constants and null literals are what PruneFilters and
    //    EliminateOuterJoin look for, and smaller expressions are cheaper to move later.
    batches.add(new RuleBatch("Simplify expressions", FIXED_POINT_PASSES, expressionSimplification()));
    // 2. Then the trivial operators: constant filters go (a false one empties its subtree before
    //    anything is pushed into it), and stacked filters, limits and projections merge, so that
    //    the pushdown batches see one node of each kind.
    batches.add(new RuleBatch("Simplify operators", FIXED_POINT_PASSES, List.of(
        new PruneFilters(),
        new CombineFilters(),
        new CombineLimits(),
        new CollapseProject(),
        new RemoveRedundantProject())));
    // 3. Operator pushdown, to a fixed point with the rules that clean up after it.
    batches.add(new RuleBatch("Push down operators", FIXED_POINT_PASSES, operatorPushdown()));
    // 4.-7. Join order, inferred filters, column pruning, eager aggregation and the scans.
    batches.addAll(pushdownBatches());
    // 7. Pushdown can leave filters stacked over filters and pruning leaves projections that pass
    //    their input through unchanged: merge the one, drop the other.
    batches.add(new RuleBatch("Clean up", FIXED_POINT_PASSES, List.of(new CombineFilters(), new RemoveRedundantProject())));
    return shareInstances(batches);
  }

  /**
   * The batches with one instance per rule class: the optimizer remembers per rule instance which
   * plan it left unchanged, so a rule listed in several batches (CombineFilters is in four) is not
   * run again over a plan it already left as it was. Sound because this file's rules hold no state:
   * two instances of one class rewrite alike.
   */
  private static List<RuleBatch> shareInstances(List<RuleBatch> batches) {
    Map<Class<?>, OptimizerRule> shared = new HashMap<>();
    List<RuleBatch> result = new ArrayList<>(batches.size());
    for (RuleBatch batch : batches) {
      List<OptimizerRule> rules = new ArrayList<>(batch.rules().size());
      for (OptimizerRule rule : batch.rules()) {
        rules.add(shared.computeIfAbsent(rule.getClass(), type -> rule));
      }
      result.add(new RuleBatch(batch.name(), batch.maxPasses(), rules));
    }
    return List.copyOf(result);
  }

  /** Rules that rewrite expressions inside a node and leave the operators alone. */
  static List<OptimizerRule> expressionSimplification() {
    return List.of(new FoldConstants(), new PropagateNulls(), new SimplifyBooleans(), new ExtractCommonConjuncts(),
        new SimplifyCasts());
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
    rules.addAll(predicatePushdown());
    rules.add(new PushLimitDown());
    rules.add(new CombineFilters());
    rules.add(new CombineLimits());
    rules.add(new CollapseProject());
    rules.add(new RemoveRedundantProject());
    rules.addAll(expressionSimplification());
    rules.add(new PruneFilters());
    return rules;
  }

  /** Join reordering, inferred filters, column pruning, eager aggregation and scan pushdown, in order. */
  public static List<RuleBatch> pushdownBatches() {
    return List.of(
        // Join order: WHERE conjuncts move into the inner join conditions first, so that the
        // reordering sees every condition that connects two inputs.
        new RuleBatch("Join reorder", 20, concat(predicatePushdown(), List.of(new ReorderJoin()))),
        // Filters sink towards the scans, inferred filters are added on join sides (and sink in
        // turn, merging with the filters already there), and every operator keeps only the
        // columns used above it.
        new RuleBatch("Operator pushdown", FIXED_POINT_PASSES, concat(predicatePushdown(), List.of(
            new InferFiltersFromConstraints(), new CombineFilters(), new PruneColumns()))),
        // Eager aggregation, once the joins are in order and every join input keeps only the
        // columns used above it (the rule reads "what above needs" off the pruned plan); the
        // partial aggregate's input is pruned in turn.
        new RuleBatch("Eager aggregation", 20, List.of(new PushAggregateBelowJoin(), new PruneColumns())),
        // Last, once filters and projections sit right above the scans: the scans take them in.
        new RuleBatch("Scan pushdown", 20, List.of(new PushFiltersIntoScan(), new PushColumnsIntoScan())));
  }

  /** Names that exclude several rules at once in {@code ember.sql.optimizer.excludedRules}. */
  public static final String PUSH_DOWN_PREDICATES = "PushDownPredicates";
  /** Spark's rule for filters over joins and join conditions. */
  public static final String PUSH_PREDICATE_THROUGH_JOIN = "PushPredicateThroughJoin";
  /** Spark's rule for filters over every other node. */
  public static final String PUSH_PREDICATE_THROUGH_NON_JOIN = "PushPredicateThroughNonJoin";

  /**
   * Predicate pushdown, one rule per node kind a filter moves through (a new node kind gets its own
   * rule, or filters stay above it). Each sinks a filter one node; the batches run them to a fixed
   * point, so the order only decides how many passes that takes: projections and aggregates
   * first, as they sit highest in typical plans, then joins (a WHERE clause into the inputs, then
   * the ON clause into its sides), then the nodes that pass rows through unchanged.
   */
  public static List<OptimizerRule> predicatePushdown() {
    return List.of(
        new PushFilterThroughProject(),
        new PushFilterThroughAggregate(),
        new PushFilterThroughJoin(),
        new PushJoinConditionIntoSides(),
        new PushFilterThroughUnion(),
        new PushFilterThroughSort(),
        new PushFilterThroughRepartition(),
        new PushFilterThroughDistinct(),
        new PushFilterThroughSubqueryAlias());
  }

  /**
   * Rule families: a name that excludes all its rules. {@code PushDownPredicates} (Ember's former
   * single rule, and Spark's name) is all of {@link #predicatePushdown()}; Spark's
   * {@code PushPredicateThroughJoin} the two join rules, {@code PushPredicateThroughNonJoin} the others.
   */
  /** Built once: {@link OptimizerSettings#excludes} asks for every rule in every pass of every query. */
  private static final Map<String, Set<String>> RULE_FAMILIES = buildRuleFamilies();

  public static Map<String, Set<String>> ruleFamilies() {
    return RULE_FAMILIES;
  }

  private static Map<String, Set<String>> buildRuleFamilies() {
    Set<String> all = new TreeSet<>();
    predicatePushdown().forEach(rule -> all.add(rule.name()));
    Set<String> join = Set.of(new PushFilterThroughJoin().name(), new PushJoinConditionIntoSides().name());
    Set<String> nonJoin = new TreeSet<>(all);
    nonJoin.removeAll(join);
    return Map.of(PUSH_DOWN_PREDICATES, Set.copyOf(all), PUSH_PREDICATE_THROUGH_JOIN, join,
        PUSH_PREDICATE_THROUGH_NON_JOIN, Set.copyOf(nonJoin));
  }

  private static List<OptimizerRule> concat(List<OptimizerRule> first, List<OptimizerRule> second) {
    List<OptimizerRule> rules = new ArrayList<>(first);
    rules.addAll(second);
    return List.copyOf(rules);
  }
}
