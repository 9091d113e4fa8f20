package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static dev.ember.catalyst.optimizer.PlanBuilder.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.rewrite.OptimizerRule.Traversal;
import dev.ember.catalyst.optimizer.rules.CombineFilters;
import dev.ember.catalyst.optimizer.rules.FoldConstants;
import dev.ember.catalyst.optimizer.rules.PruneFilters;
import dev.ember.catalyst.optimizer.rules.SimplifyBooleans;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import dev.ember.catalyst.rewrite.OptimizerRule;

class OptimizerTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT NOT NULL");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");

  private static Optimizer optimizer(OptimizerSettings settings, RuleBatch... batches) {
    return new Optimizer(settings, List.of(batches));
  }

  @Test
  void runsABatchToAFixedPointAndRecordsEachApplication() {
    // Three stacked filters need two CombineFilters applications (one per pass, top-down finds
    // only the outer pair at first) and folding the constants.
    LogicalPlan plan = t.where(gt(a, plus(lit(1), lit(1)))).where(gt(b, lit(2))).where(gt(a, lit(3))).build();
    RuleBatch batch = new RuleBatch("both", 10, List.of(new FoldConstants(), new CombineFilters()));

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), batch).optimize(plan);

    assertThat(text(result.plan())).isEqualTo("""
        Filter condition=(((a > 2) AND (b > 2)) AND (a > 3))
          LocalRelation output=[a, b], partitions=1, rows=1000
        """);
    assertThat(result.applications()).extracting(RuleApplication::rule).first().isEqualTo("FoldConstants");
    assertThat(result.applications()).extracting(RuleApplication::rule).contains("CombineFilters");
    assertThat(result.applications()).extracting(RuleApplication::batch).containsOnly("both");
    // The last application's plan is the result.
    assertThat(result.applications().getLast().planAfter()).isEqualTo(result.plan());
    // Each recorded plan is the whole plan after that rule: the first one still has three filters.
    assertThat(text(result.applications().getFirst().planAfter())).contains("(a > 2)").contains("(a > 3)");
  }

  @Test
  void recordsNothingWhenNoRuleChangesThePlan() {
    LogicalPlan plan = t.where(gt(a, lit(1))).build();
    RuleBatch batch = new RuleBatch("quiet", 10, List.of(new FoldConstants(), new CombineFilters(), new PruneFilters()));

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), batch).optimize(plan);

    assertThat(result.plan()).isSameAs(plan);
    assertThat(result.applications()).isEmpty();
  }

  /** Flips a limit between 1 and 2 on every application: never reaches a fixed point. */
  private static final class OscillatingRule implements OptimizerRule {
    int applications;

    @Override
    public LogicalPlan apply(LogicalPlan node) {
      if (node instanceof Limit limit) {
        applications++;
        return new Limit(limit.limit() == 1 ? 2 : 1, limit.child());
      }
      return node;
    }
  }

  @Test
  void stopsAnOscillatingBatchAtItsPassCapAndRunsTheNextBatch() {
    OscillatingRule oscillating = new OscillatingRule();
    LogicalPlan plan = t.limit(1).where(and(lit(true), gt(a, lit(1)))).build();
    RuleBatch flipping = new RuleBatch("flipping", 7, List.of(oscillating));
    RuleBatch folding = new RuleBatch("after", 5, List.of(new SimplifyBooleans()));

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), flipping, folding).optimize(plan);

    assertThat(oscillating.applications).isEqualTo(7);
    assertThat(result.applications()).filteredOn(application -> application.batch().equals("flipping")).hasSize(7);
    // 7 flips from 1 end at 2; the next batch still ran.
    assertThat(text(result.plan())).isEqualTo("""
        Filter condition=(a > 1)
          Limit limit=2
            LocalRelation output=[a, b], partitions=1, rows=1000
        """);
  }

  @Test
  void aRuleThatChangesTheOutputFailsWithTheRuleNameAndBothOutputs() {
    OptimizerRule dropsColumn = new OptimizerRule() {
      @Override
      public String name() {
        return "DropsColumn";
      }

      @Override
      public LogicalPlan apply(LogicalPlan node) {
        return node instanceof Project project && project.projectList().size() == 2
            ? new Project(List.of(project.projectList().get(0)), project.child())
            : node;
      }
    };
    LogicalPlan plan = t.select(a, b).build();

    assertThatThrownBy(() -> optimizer(OptimizerSettings.defaults(), new RuleBatch("bad", 3, List.of(dropsColumn))).optimize(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DropsColumn")
        .hasMessageContaining("[a#" + a.id() + ": int, b#" + b.id() + ": int not null]")
        .hasMessageContaining("to [a#" + a.id() + ": int]");
  }

  @Test
  void aRuleThatMakesAColumnNullableOrChangesItsTypeFails() {
    AttributeReference c = new AttributeReference("c", ColumnType.INT, false, 999_999_999L, "");
    OptimizerRule loosens = rule("Loosens", node -> node instanceof Project project
        && project.projectList().get(0) instanceof Alias alias && alias.child() instanceof Literal literal
        && literal.value() != null
        ? new Project(List.of(new Alias(Literal.nullOf(ColumnType.INT), alias.name(), alias.id())), project.child())
        : node);
    LogicalPlan plan = t.select(new Alias(lit(1), c.name(), c.id())).build();

    assertThatThrownBy(() -> optimizer(OptimizerSettings.defaults(), new RuleBatch("bad", 3, List.of(loosens))).optimize(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Loosens")
        .hasMessageContaining("c#999999999: int not null")
        .hasMessageContaining("to [c#999999999: int]");

    OptimizerRule retypes = rule("Retypes", node -> node instanceof Project project
        && project.projectList().get(0) instanceof Alias alias && alias.child().type().equals(ColumnType.INT)
        ? new Project(List.of(new Alias(Literal.of(1L), alias.name(), alias.id())), project.child())
        : node);
    assertThatThrownBy(() -> optimizer(OptimizerSettings.defaults(), new RuleBatch("bad", 3, List.of(retypes))).optimize(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Retypes")
        .hasMessageContaining("c#999999999: bigint not null");
  }

  @Test
  void stricterNullabilityIsAllowed() {
    // a + 1 is nullable (a is); replacing the alias's value by a non-null literal keeps id and type.
    Expression sum = plus(a, lit(1));
    LogicalPlan plan = t.select(as(sum, "s")).build();
    OptimizerRule tightens = rule("Tightens", node -> node instanceof Project project
        && project.projectList().get(0) instanceof Alias alias && alias.child().nullable()
        ? new Project(List.of(new Alias(lit(7), alias.name(), alias.id())), project.child())
        : node);

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), new RuleBatch("ok", 3, List.of(tightens))).optimize(plan);

    assertThat(result.plan().output().get(0).nullable()).isFalse();
    assertThat(result.plan().output().get(0).id()).isEqualTo(plan.output().get(0).id());
  }

  @Test
  void aRuleThatReturnsNullFailsWithItsName() {
    OptimizerRule broken = rule("ReturnsNull", node -> node instanceof Filter ? null : node);
    LogicalPlan plan = t.where(gt(a, lit(1))).build();

    assertThatThrownBy(() -> optimizer(OptimizerSettings.defaults(), new RuleBatch("bad", 2, List.of(broken))).optimize(plan))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ReturnsNull")
        .hasMessageContaining("Filter");
  }

  @Test
  void aOncePassBatchRunsEachRuleOnceEvenIfMoreCouldFire() {
    OscillatingRule oscillating = new OscillatingRule();
    LogicalPlan plan = t.limit(1).build();

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), new RuleBatch("once", 1, List.of(oscillating))).optimize(plan);

    assertThat(oscillating.applications).isEqualTo(1);
    assertThat(((Limit) result.plan()).limit()).isEqualTo(2);
    assertThat(result.applications()).singleElement().satisfies(application -> {
      assertThat(application.batch()).isEqualTo("once");
      assertThat(application.rule()).isEqualTo("OscillatingRule");
    });
  }

  @Test
  void twoRulesThatUndoEachOtherStopAfterOnePass() {
    // One pass changes the limit and changes it back: the pass ends where it began, a fixed point.
    OptimizerRule toTwo = rule("ToTwo", node -> node instanceof Limit limit && limit.limit() == 1 ? new Limit(2, limit.child()) : node);
    OptimizerRule toOne = rule("ToOne", node -> node instanceof Limit limit && limit.limit() == 2 ? new Limit(1, limit.child()) : node);
    LogicalPlan plan = t.limit(1).build();

    OptimizationResult result = optimizer(OptimizerSettings.defaults(), new RuleBatch("undo", 50, List.of(toTwo, toOne))).optimize(plan);

    assertThat(result.plan()).isEqualTo(plan);
    assertThat(result.applications()).extracting(RuleApplication::rule).containsExactly("ToTwo", "ToOne");
  }

  @Test
  void excludedRulesDoNotRun() {
    LogicalPlan plan = t.where(gt(a, plus(lit(1), lit(1)))).where(gt(b, lit(2))).build();
    RuleBatch batch = new RuleBatch("both", 10, List.of(new FoldConstants(), new CombineFilters()));

    OptimizationResult result = optimizer(new OptimizerSettings(true, Set.of("CombineFilters")), batch).optimize(plan);

    assertThat(result.plan()).isInstanceOf(Filter.class);
    assertThat(((Filter) result.plan()).child()).isInstanceOf(Filter.class);
    assertThat(text(result.plan())).contains("(a > 2)");
    assertThat(result.applications()).extracting(RuleApplication::rule).containsOnly("FoldConstants");
  }

  @Test
  void anUnknownExcludedRuleNameFailsListingTheKnownRules() {
    assertThatThrownBy(() -> new Optimizer(new OptimizerSettings(true, Set.of("CombineFilter"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[CombineFilter]")
        .hasMessageContaining("CombineFilters")
        .hasMessageContaining("FoldConstants")
        .hasMessageContaining("PushLimitDown");
  }

  @Test
  void aDisabledOptimizerReturnsThePlanUntouched() {
    LogicalPlan plan = t.where(gt(a, plus(lit(1), lit(1)))).where(lit(true)).build();

    OptimizationResult result = new Optimizer(new OptimizerSettings(false, Set.of())).optimize(plan);

    assertThat(result.plan()).isSameAs(plan);
    assertThat(result.applications()).isEmpty();
  }

  @Test
  void bottomUpRulesSeeRewrittenChildrenAndTopDownRulesSeeParentsFirst() {
    List<String> visits = new ArrayList<>();
    OptimizerRule recordsDown = recording("Down", Traversal.TOP_DOWN, visits);
    OptimizerRule recordsUp = recording("Up", Traversal.BOTTOM_UP, visits);
    LogicalPlan plan = t.where(gt(a, lit(1))).limit(3).build();

    optimizer(OptimizerSettings.defaults(), new RuleBatch("visits", 1, List.of(recordsDown, recordsUp))).optimize(plan);

    assertThat(visits).containsExactly(
        "Down Limit", "Down Filter", "Down LocalRelation", "Up LocalRelation", "Up Filter", "Up Limit");
  }

  @Test
  void theDefaultBatchesOptimizeAPlanEndToEnd() {
    LogicalPlan plan = t.where(and(lit(true), gt(a, plus(lit(1), lit(2))))).where(lit(true)).select(a, b).limit(5).build();

    OptimizationResult result = new Optimizer(OptimizerSettings.defaults()).optimize(plan);

    assertThat(text(result.plan())).isEqualTo("""
        Limit limit=5
          Filter condition=(a > 3)
            LocalRelation output=[a, b], partitions=1, rows=1000
        """);
    assertThat(result.applications()).extracting(RuleApplication::batch).first().isEqualTo("Simplify expressions");
  }

  @Test
  void aRuleIsNotWalkedOverAPlanWithoutItsRequiredNodesAndIsOnceARuleAddedThem() {
    List<Class<?>> visited = new ArrayList<>();
    OptimizerRule needsLimit = new OptimizerRule() {
      @Override
      public LogicalPlan apply(LogicalPlan node) {
        visited.add(node.getClass());
        return node;
      }

      @Override
      public Set<Class<? extends LogicalPlan>> requiredNodes() {
        return Set.of(Limit.class);
      }
    };
    LogicalPlan withoutLimit = t.where(gt(a, lit(1))).select(a).build();
    optimizer(OptimizerSettings.defaults(), new RuleBatch("skip", 10, List.of(needsLimit))).optimize(withoutLimit);
    assertThat(visited).isEmpty();

    // A rule earlier in the pass puts a Limit on top (once): the next rule sees the changed plan.
    boolean[] added = {false};
    OptimizerRule addsLimit = rule("AddsLimit", node -> {
      if (added[0]) {
        return node;
      }
      added[0] = true;
      return new Limit(5, node);
    });
    OptimizationResult result = optimizer(OptimizerSettings.defaults(), new RuleBatch("add", 10, List.of(addsLimit, needsLimit)))
        .optimize(withoutLimit);
    assertThat(result.plan()).isInstanceOf(Limit.class);
    assertThat(visited).contains(Limit.class, Project.class, Filter.class);
  }

  @Test
  void everyDefaultRuleLeavesAPlanWithoutItsRequiredNodesUnchangedAtEveryNode() {
    PlanBuilder other = PlanBuilder.relation("x INT, y INT");
    AttributeReference x = other.attribute("x");
    List<LogicalPlan> plans = List.of(
        t.where(gt(a, lit(1))).where(gt(b, lit(2))).select(a, b).select(a).limit(5).limit(3).orderBy(a).where(gt(a, lit(0))).build(),
        t.join(other, dev.ember.core.plan.JoinType.LEFT_OUTER, PlanBuilder.eq(a, x)).where(and(gt(a, lit(1)), gt(x, lit(1)))).build(),
        t.union(t).where(gt(a, lit(1))).select(a).limit(2).build(),
        t.select(a, b).select(b).build(),
        t.where(Literal.of(true)).where(gt(a, lit(1))).build());
    int checked = 0;
    for (RuleBatch batch : DefaultRuleBatches.batches()) {
      for (OptimizerRule rule : batch.rules()) {
        for (LogicalPlan plan : plans) {
          if (rule.requiredNodes().isEmpty() || Optimizer.nodeClasses(plan).containsAll(rule.requiredNodes())) {
            continue;
          }
          checked++;
          assertUnchangedEverywhere(rule, plan);
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  private static void assertUnchangedEverywhere(OptimizerRule rule, LogicalPlan node) {
    assertThat(rule.apply(node)).as("%s at %s", rule.name(), node.getClass().getSimpleName()).isSameAs(node);
    for (LogicalPlan child : node.children()) {
      assertUnchangedEverywhere(rule, child);
    }
  }

  private static OptimizerRule rule(String name, UnaryOperator<LogicalPlan> rewrite) {
    return new OptimizerRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public LogicalPlan apply(LogicalPlan node) {
        return rewrite.apply(node);
      }
    };
  }

  private static OptimizerRule recording(String name, Traversal traversal, List<String> visits) {
    return new OptimizerRule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Traversal traversal() {
        return traversal;
      }

      @Override
      public LogicalPlan apply(LogicalPlan node) {
        visits.add(name + " " + node.getClass().getSimpleName());
        return node;
      }
    };
  }
}
