package dev.ember.core.scheduler;

import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stages of one job's plan, parents first, the result stage last; {@code stages.get(key)} has
 * that key. {@code exchangeStages} maps each exchange of the plan to the key of the stage it ends
 * (equal exchanges, the same subtree read twice, are one stage).
 */
public record JobStages(List<StagePlan> stages, Map<ExchangeExec, Integer> exchangeStages) {
  public JobStages {
    stages = List.copyOf(Objects.requireNonNull(stages, "stages is null"));
    exchangeStages = Map.copyOf(Objects.requireNonNull(exchangeStages, "exchangeStages is null"));
    if (stages.isEmpty() || stages.get(stages.size() - 1).kind() != StageKind.RESULT) {
      throw new IllegalArgumentException("a job's stages end with its result stage: " + stages);
    }
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).key() != i) {
        throw new IllegalArgumentException("stage keys are 0.." + (stages.size() - 1) + " in order, but stage " + i
            + " has key " + stages.get(i).key());
      }
    }
  }

  public StagePlan stage(int key) {
    if (key < 0 || key >= stages.size()) {
      throw new IllegalArgumentException("no stage " + key + ": the job has stages 0.." + (stages.size() - 1));
    }
    return stages.get(key);
  }

  public StagePlan resultStage() {
    return stages.get(stages.size() - 1);
  }

  /** The stage the exchange ends. */
  public StagePlan stageEnding(ExchangeExec exchange) {
    Integer key = exchangeStages.get(exchange);
    if (key == null) {
      throw new IllegalArgumentException("the exchange is not part of the job's plan: " + exchange.partitioning());
    }
    return stages.get(key);
  }

  /** The SAMPLE stage that chooses the bounds of a range map stage. */
  public StagePlan sampleStageOf(StagePlan mapStage) {
    for (int parent : mapStage.parents()) {
      if (stages.get(parent).output() instanceof StageOutput.Sample sample && sample.mapStageKey() == mapStage.key()) {
        return stages.get(parent);
      }
    }
    throw new IllegalArgumentException("stage " + mapStage.key() + " has no sample stage");
  }

  /** How many shuffles the job writes (one per SHUFFLE_MAP stage). */
  public int shuffleCount() {
    return count(StageKind.SHUFFLE_MAP);
  }

  /** How many broadcasts the job collects (one per BROADCAST stage). */
  public int broadcastCount() {
    return count(StageKind.BROADCAST);
  }

  /** A loop, not a stream: it runs for every job, mostly interpreted in a young JVM. */
  private int count(StageKind kind) {
    int count = 0;
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).kind() == kind) {
        count++;
      }
    }
    return count;
  }
}
