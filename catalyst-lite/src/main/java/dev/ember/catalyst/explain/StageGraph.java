package dev.ember.catalyst.explain;

import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.NodeDescription;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.JobStages;
import dev.ember.core.scheduler.StageBuilder;
import dev.ember.core.scheduler.StageOperator;
import dev.ember.core.scheduler.StagePlan;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The stages a physical plan runs as, as data: the DAG scheduler cuts a plan at its exchanges (wide
 * transformations) and pipelines the narrow operators between them inside one stage. This is the
 * scheduler's own cut ({@link StageBuilder}), so a stage's {@link StageNode#id() id} is its key in
 * the job (parents first, the result stage last), the {@code stageKey} the job's stage events carry;
 * the scheduler's session-wide stage id is the key plus the job's first stage id.
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

  /** The stages of {@code plan}, cut by the DAG scheduler's own walk ({@link StageBuilder}). */
  public static StageGraph of(PhysicalPlan plan) {
    return of(StageBuilder.build(Objects.requireNonNull(plan, "plan is null")));
  }

  /** The graph of stages already cut. */
  static StageGraph of(JobStages job) {
    List<StageNode> stages = new ArrayList<>();
    for (StagePlan stage : job.stages()) {
      stages.add(new StageNode(stage.key(), stage.kind(), stage.partitionCount(), stage.parents(),
          stage.operators().stream().map(StageGraph::operator).toList()));
    }
    return new StageGraph(stages);
  }

  private static OperatorNode operator(StageOperator operator) {
    PhysicalPlan node = operator.node();
    NodeDescription description = NodeDescription.of(node);
    Schema schema = node.schema();
    List<String> output = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      output.add(schema.field(i).name() + ": " + schema.field(i).type().simpleString());
    }
    String detail = String.join(", ", description.details());
    if (node instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Broadcast) {
      detail = "BroadcastPartitioning";
    }
    return new OperatorNode(operator.number(), description.name(), operator.wide(), detail, operator.children(), output);
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
}
