package dev.ember.catalyst.explain;

import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stages a physical plan runs as, as data: the DAG scheduler cuts a plan at its exchanges (wide
 * transformations) and pipelines the narrow operators between them inside one stage. Stage ids
 * are the job's own, in the order the scheduler hands them out (parents first, the result stage
 * last); the scheduler's ids are these plus the number of stages earlier jobs of the session used.
 *
 * <p>Render it with {@link #toDot()} (Graphviz) or {@link #toMermaid()}: operators grouped by
 * stage, narrow edges solid, wide edges (across an exchange) dashed and labelled with the
 * exchange's partitioning.
 */
public record StageGraph(List<StageNode> stages) {
  public StageGraph {
    stages = List.copyOf(Objects.requireNonNull(stages, "stages is null"));
    if (stages.isEmpty() || stages.get(stages.size() - 1).kind() != StageKind.RESULT) {
      throw new IllegalArgumentException("a stage graph ends with its result stage: " + stages);
    }
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).id() != i) {
        throw new IllegalArgumentException("stage ids are 0.." + (stages.size() - 1) + " in order, but stage " + i
            + " has id " + stages.get(i).id());
      }
    }
  }

  /** The stages of {@code plan}, cut as the DAG scheduler cuts it. */
  public static StageGraph of(PhysicalPlan plan) {
    return layout(plan).graph();
  }

  /** The graph, and the stage each exchange of the plan ends. */
  static Layout layout(PhysicalPlan plan) {
    return new StageCutter().cut(Objects.requireNonNull(plan, "plan is null"));
  }

  public StageNode stage(int id) {
    if (id < 0 || id >= stages.size()) {
      throw new IllegalArgumentException("no stage " + id + ": the job has stages 0.." + (stages.size() - 1));
    }
    return stages.get(id);
  }

  public StageNode resultStage() {
    return stages.get(stages.size() - 1);
  }

  /** Every operator once, by number (a SAMPLE stage reruns operators of its map stage: they are listed there). */
  public List<OperatorNode> operators() {
    List<OperatorNode> all = new ArrayList<>();
    for (StageNode stage : stages) {
      if (stage.kind() != StageKind.SAMPLE) {
        all.addAll(stage.operators());
      }
    }
    all.sort((left, right) -> Integer.compare(left.number(), right.number()));
    return all;
  }

  /** The range map stage a SAMPLE stage samples the keys of. */
  public StageNode sampledBy(StageNode sample) {
    if (sample.kind() != StageKind.SAMPLE) {
      throw new IllegalArgumentException("stage " + sample.id() + " is a " + sample.kind() + " stage, not SAMPLE");
    }
    for (StageNode stage : stages) {
      if (stage.kind() == StageKind.SHUFFLE_MAP && stage.parents().contains(sample.id())) {
        return stage;
      }
    }
    throw new IllegalStateException("no map stage reads sample stage " + sample.id());
  }

  /** Graphviz DOT: one cluster per stage, operators as boxes, data flowing upwards. */
  public String toDot() {
    return StageGraphRendering.dot(this);
  }

  /** Mermaid {@code flowchart TD}: one subgraph per stage, data flowing downwards. */
  public String toMermaid() {
    return StageGraphRendering.mermaid(this);
  }

  /** The graph, and the stage each exchange ends (equal exchanges are one stage, as in the scheduler). */
  record Layout(StageGraph graph, Map<ExchangeExec, Integer> exchangeStages) {
    int stageOf(ExchangeExec exchange) {
      Integer stage = exchangeStages.get(exchange);
      if (stage == null) {
        throw new IllegalArgumentException("the exchange is not part of the laid out plan: " + exchange.partitioning());
      }
      return stage;
    }
  }
}
