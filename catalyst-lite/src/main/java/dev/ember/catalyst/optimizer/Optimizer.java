package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.logging.LazyLogger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.catalyst.rewrite.RuleContext;

/**
 * Rewrites an analyzed logical plan with ordered rule batches ({@link DefaultRuleBatches} unless
 * given). Each batch repeats passes over the whole tree until a pass leaves the plan unchanged or
 * the batch's pass cap is reached (then it logs at debug and moves on: it never loops forever).
 * In a pass each rule that is not excluded runs once over every node, parents first or children
 * first as the rule asks; the driver does the recursion so that rules stay one-node rewrites.
 *
 * <p>After every rule application the driver checks that the node kept its output: the same
 * attribute ids, names and types in the same order, where nullability may only become stricter.
 * A rule that breaks this is a bug that would silently change results, so it fails with an
 * {@link IllegalStateException} naming the rule and both outputs.
 *
 * <p>A rule is a function of the node it is given (rules are stateless), so a rule that left a
 * plan unchanged would leave that very plan instance unchanged again: the driver remembers, per
 * rule instance, the plan it last left unchanged and does not walk that plan with it again, in a
 * later pass or a later batch that lists the same instance. The last pass of a batch, which only
 * confirms the fixed point, then walks the plan only with the rules that ran before the last
 * change. Results are those of running every rule: only walks known to change nothing are skipped.
 */
public final class Optimizer {
  private static final LazyLogger LOG = new LazyLogger(Optimizer.class);

  private final OptimizerSettings settings;
  private final List<RuleBatch> batches;
  /** Per batch, its rules that are not excluded: decided once, not on every pass of every query. */
  private final List<List<OptimizerRule>> activeRules;
  /**
   * Per batch, per active rule, the rule's slot in an optimization's memo of plans each rule left
   * unchanged: one slot per distinct rule instance, shared by the batches that list it.
   */
  private final int[][] memoSlots;
  private final int memoSize;
  /**
   * Per batch, per active rule, its name and the node classes it needs, read once here: an
   * optimization looks them up for every rule of every pass, mostly interpreted in a young JVM.
   */
  private final String[][] activeRuleNames;
  private final Class<?>[][][] activeRequiredNodes;

  public Optimizer(OptimizerSettings settings) {
    this(settings, DefaultRuleBatches.batches());
  }

  /**
   * @throws IllegalArgumentException when an excluded rule name is not the name of a rule of the
   *     batches (the message lists the known names)
   */
  public Optimizer(OptimizerSettings settings, List<RuleBatch> batches) {
    this.settings = Objects.requireNonNull(settings, "settings is null");
    this.batches = List.copyOf(Objects.requireNonNull(batches, "batches is null"));
    checkExcludedRules();
    List<List<OptimizerRule>> active = new ArrayList<>(this.batches.size());
    for (RuleBatch batch : this.batches) {
      active.add(batch.rules().stream().filter(rule -> !settings.excludes(rule.name())).toList());
    }
    this.activeRules = List.copyOf(active);
    Map<OptimizerRule, Integer> slots = new IdentityHashMap<>();
    this.memoSlots = new int[active.size()][];
    for (int i = 0; i < active.size(); i++) {
      List<OptimizerRule> rules = active.get(i);
      memoSlots[i] = new int[rules.size()];
      for (int j = 0; j < rules.size(); j++) {
        memoSlots[i][j] = slots.computeIfAbsent(rules.get(j), rule -> slots.size());
      }
    }
    this.memoSize = slots.size();
    this.activeRuleNames = new String[active.size()][];
    this.activeRequiredNodes = new Class<?>[active.size()][][];
    for (int i = 0; i < active.size(); i++) {
      List<OptimizerRule> rules = active.get(i);
      activeRuleNames[i] = new String[rules.size()];
      activeRequiredNodes[i] = new Class<?>[rules.size()][];
      for (int j = 0; j < rules.size(); j++) {
        activeRuleNames[i][j] = rules.get(j).name();
        activeRequiredNodes[i][j] = rules.get(j).requiredNodes().toArray(new Class<?>[0]);
      }
    }
  }

  /**
   * The names {@code ember.sql.optimizer.excludedRules} accepts, sorted: those of the rules of all
   * batches, and those of the rule families some of whose rules are in the batches.
   */
  public Set<String> ruleNames() {
    Set<String> names = new TreeSet<>();
    for (RuleBatch batch : batches) {
      for (OptimizerRule rule : batch.rules()) {
        names.add(rule.name());
      }
    }
    Set<String> ruleNames = Set.copyOf(names);
    DefaultRuleBatches.ruleFamilies().forEach((family, members) -> {
      if (members.stream().anyMatch(ruleNames::contains)) {
        names.add(family);
      }
    });
    return names;
  }

  /** The optimized plan and every rule application that changed it; the plan untouched when the optimizer is off. */
  public OptimizationResult optimize(LogicalPlan plan) {
    Objects.requireNonNull(plan, "plan is null");
    if (!settings.enabled()) {
      return new OptimizationResult(plan, List.of());
    }
    List<RuleApplication> applications = new ArrayList<>();
    // Facts about nodes that the rule applications of this optimization share; this thread's alone.
    RuleContext context = new RuleContext();
    // Per rule instance (its memo slot), the plan it last left unchanged.
    LogicalPlan[] unchangedBy = new LogicalPlan[memoSize];
    LogicalPlan current = plan;
    for (int i = 0; i < batches.size(); i++) {
      current = runBatch(batches.get(i), activeRules.get(i), activeRuleNames[i], activeRequiredNodes[i], memoSlots[i],
          unchangedBy, current, applications, context);
    }
    return new OptimizationResult(current, applications);
  }

  private LogicalPlan runBatch(RuleBatch batch, List<OptimizerRule> rules, String[] names, Class<?>[][] requiredNodes,
      int[] slots, LogicalPlan[] unchangedBy, LogicalPlan plan, List<RuleApplication> applications, RuleContext context) {
    LogicalPlan current = plan;
    // The node classes in `current`, found again only when a rule changed it.
    List<Class<?>> present = null;
    LogicalPlan presentOf = null;
    for (int pass = 1; ; pass++) {
      LogicalPlan passStart = current;
      for (int r = 0; r < slots.length; r++) {
        int slot = slots[r];
        if (unchangedBy[slot] == current) {
          // This rule left this very plan unchanged before: it would again.
          continue;
        }
        OptimizerRule rule = rules.get(r);
        Class<?>[] required = requiredNodes[r];
        if (required.length > 0) {
          if (presentOf != current) {
            present = nodeClasses(current);
            presentOf = current;
          }
          if (!containsAll(present, required)) {
            // The rule cannot change a plan without these nodes: no walk over the tree.
            unchangedBy[slot] = current;
            continue;
          }
        }
        LogicalPlan after = transform(current, rule, context);
        if (after != current && !after.equals(current)) {
          current = after;
          applications.add(new RuleApplication(batch.name(), names[r], current));
        } else {
          unchangedBy[slot] = current;
        }
      }
      // Identity first: a pass that changed nothing leaves the very same instance.
      if (current == passStart || current.equals(passStart)) {
        return current;
      }
      if (pass >= batch.maxPasses()) {
        LOG.get().debug("Optimizer batch '{}' reached its cap of {} passes before a fixed point; moving on",
            batch.name(), batch.maxPasses());
        return current;
      }
    }
  }

  /** The classes of the plan's nodes, each once: a plan has a handful, so a list compared by identity. */
  static List<Class<?>> nodeClasses(LogicalPlan plan) {
    List<Class<?>> classes = new ArrayList<>();
    addNodeClasses(plan, classes);
    return classes;
  }

  private static void addNodeClasses(LogicalPlan node, List<Class<?>> classes) {
    Class<?> type = node.getClass();
    if (!containsClass(classes, type)) {
      classes.add(type);
    }
    List<LogicalPlan> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      addNodeClasses(children.get(i), classes);
    }
  }

  private static boolean containsAll(List<Class<?>> present, Class<?>[] required) {
    for (Class<?> type : required) {
      if (!containsClass(present, type)) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsClass(List<Class<?>> classes, Class<?> type) {
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i) == type) {
        return true;
      }
    }
    return false;
  }

  private static LogicalPlan transform(LogicalPlan node, OptimizerRule rule, RuleContext context) {
    return switch (rule.traversal()) {
      case TOP_DOWN -> withChildrenTransformed(applyChecked(rule, node, context), rule, context);
      case BOTTOM_UP -> applyChecked(rule, withChildrenTransformed(node, rule, context), context);
    };
  }

  /**
   * The node with each child transformed by {@code rule}; the same instance when no child changed.
   * Runs for every rule at every node of every pass, mostly interpreted in a young JVM, so it
   * allocates nothing (no lambda, no list) until a child changed.
   */
  private static LogicalPlan withChildrenTransformed(LogicalPlan node, OptimizerRule rule, RuleContext context) {
    List<LogicalPlan> children = node.children();
    int count = children.size();
    List<LogicalPlan> newChildren = null;
    for (int i = 0; i < count; i++) {
      LogicalPlan child = children.get(i);
      LogicalPlan newChild = transform(child, rule, context);
      if (newChild != child && newChildren == null) {
        newChildren = new ArrayList<>(children.subList(0, i));
      }
      if (newChildren != null) {
        newChildren.add(newChild);
      }
    }
    return newChildren == null ? node : node.withChildren(newChildren);
  }

  private static LogicalPlan applyChecked(OptimizerRule rule, LogicalPlan node, RuleContext context) {
    LogicalPlan result = rule.apply(node, context);
    if (result == null) {
      throw new IllegalStateException("optimizer rule " + rule.name() + " returned null for " + node.getClass().getSimpleName());
    }
    if (result != node) {
      checkOutput(rule, node, result);
    }
    return result;
  }

  private static void checkOutput(OptimizerRule rule, LogicalPlan before, LogicalPlan after) {
    List<AttributeReference> expected = before.output();
    List<AttributeReference> actual = after.output();
    boolean kept = expected.size() == actual.size();
    for (int i = 0; kept && i < expected.size(); i++) {
      AttributeReference old = expected.get(i);
      AttributeReference now = actual.get(i);
      kept = old.id() == now.id() && old.name().equals(now.name()) && old.type().equals(now.type())
          && (old.nullable() || !now.nullable());
    }
    if (!kept) {
      throw new IllegalStateException("optimizer rule " + rule.name() + " changed the output of "
          + before.getClass().getSimpleName() + " from " + describe(expected) + " to " + describe(actual)
          + " (ids, names and types must stay; nullability may only become stricter)");
    }
  }

  private static String describe(List<AttributeReference> output) {
    return output.stream()
        .map(attribute -> attribute + ": " + attribute.type() + (attribute.nullable() ? "" : " not null"))
        .toList()
        .toString();
  }

  private void checkExcludedRules() {
    Set<String> known = ruleNames();
    Set<String> unknown = new TreeSet<>(settings.excludedRules());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("ember.sql.optimizer.excludedRules names unknown optimizer rules " + unknown
          + "; the known rules are " + String.join(", ", known));
    }
  }
}
