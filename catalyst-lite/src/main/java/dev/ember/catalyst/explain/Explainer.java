package dev.ember.catalyst.explain;

import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.catalyst.optimizer.RuleApplication;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.List;
import java.util.Objects;

/**
 * The text of {@code explain(mode)} for one query: its analyzed plan, what the optimizer did with
 * it, and the physical plan. Every line is stable (no hashes, no timings), so the output is
 * golden-tested.
 *
 * <pre>
 * simple     == Physical Plan ==, the physical tree with endsStage / resultStage
 * extended   == Parsed Logical Plan == (the DSL analyzes eagerly: it is the analyzed plan),
 *            == Analyzed Logical Plan == with the schema line, == Optimized Logical Plan ==,
 *            then the physical plan as in simple
 * formatted  == Physical Plan ==, stage by stage: numbered operators marked [narrow] or [wide],
 *            then == Operator Output == with each operator's columns
 * rules      == Analyzed Logical Plan ==, then each rule that changed the plan with the plan after it
 * </pre>
 */
public final class Explainer {
  static final String PARSED_NOTE = "(the DataFrame DSL analyzes each step as it is written: this is the analyzed plan)";
  static final String NO_RULE = "no rule changed the plan";

  private final LogicalPlan analyzed;
  private final OptimizationResult optimization;
  private final PhysicalPlan physical;

  public Explainer(LogicalPlan analyzed, OptimizationResult optimization, PhysicalPlan physical) {
    this.analyzed = Objects.requireNonNull(analyzed, "analyzed is null");
    this.optimization = Objects.requireNonNull(optimization, "optimization is null");
    this.physical = Objects.requireNonNull(physical, "physical is null");
  }

  public String explain(ExplainMode mode) {
    return switch (mode) {
      case SIMPLE -> simple();
      case EXTENDED -> "== Parsed Logical Plan ==\n" + PARSED_NOTE + "\n" + PlanPrinter.logical(analyzed)
          + "\n== Analyzed Logical Plan ==\n" + schemaLine(analyzed.output()) + "\n" + PlanPrinter.logical(analyzed)
          + "\n== Optimized Logical Plan ==\n" + PlanPrinter.logical(optimization.plan())
          + "\n" + simple();
      case FORMATTED -> formatted(StageGraph.of(physical));
      case RULES -> rules();
    };
  }

  private String simple() {
    return "== Physical Plan ==\n" + PlanPrinter.physical(physical);
  }

  /** The stages parents first, each with its operators children first; then every operator's output columns. */
  static String formatted(StageGraph graph) {
    StringBuilder text = new StringBuilder("== Physical Plan ==\n");
    for (StageNode stage : graph.stages()) {
      text.append(stage.header()).append('\n');
      if (stage.kind() == StageKind.SAMPLE) {
        text.append("  samples the sort keys for stage ").append(graph.sampledBy(stage).id()).append(" by running ")
            .append(String.join(", ", stage.operators().stream().map(operator -> "(" + operator.number() + ")").toList()))
            .append('\n');
        continue;
      }
      for (OperatorNode operator : stage.operators()) {
        text.append("  ").append(operator.line()).append('\n');
      }
    }
    text.append("\n== Operator Output ==\n");
    for (OperatorNode operator : graph.operators()) {
      text.append('(').append(operator.number()).append(") ").append(operator.name())
          .append(" [").append(operator.output().size()).append("]: ").append(String.join(", ", operator.output()))
          .append('\n');
    }
    return text.toString();
  }

  private String rules() {
    StringBuilder text = new StringBuilder("== Analyzed Logical Plan ==\n").append(PlanPrinter.logical(analyzed));
    List<RuleApplication> applications = optimization.applications();
    if (applications.isEmpty()) {
      return text.append('\n').append(NO_RULE).append('\n').toString();
    }
    for (int i = 0; i < applications.size(); i++) {
      RuleApplication application = applications.get(i);
      text.append("\n== Rule ").append(i + 1).append(": ").append(application.rule())
          .append(" (batch ").append(application.batch()).append(") ==\n")
          .append(PlanPrinter.logical(application.planAfter()));
    }
    return text.toString();
  }

  /** {@code name: type, ...} as Spark prints the analyzed plan's schema. */
  static String schemaLine(List<AttributeReference> output) {
    return String.join(", ", output.stream().map(attribute -> attribute.name() + ": " + attribute.type().simpleString()).toList());
  }
}
