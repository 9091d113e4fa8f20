package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stage of a job: a plan without exchanges (they became read leaves) computed by one task per
 * partition, and what it ends in. A SHUFFLE_MAP stage writes shuffle {@link #shuffleId}; a
 * BROADCAST stage collects broadcast {@link #broadcastId}; a SAMPLE stage samples the sort keys of
 * the range map stage {@link #sampledStage}; the RESULT stage runs the job's action.
 *
 * <p>Owned by the scheduling thread of its job.
 */
final class Stage {
  final int id;
  final StageKind kind;
  final PhysicalPlan plan;
  final int partitionCount;
  /** Stages whose output this stage reads (a range map stage also has its sample stage here). */
  final List<Stage> parents = new ArrayList<>();
  final int shuffleId;
  final Partitioning partitioning;
  final Schema outputSchema;
  final int broadcastId;
  Stage sampledStage;
  /** Set when the stage is built, or (range partitioning) once its bounds are sampled. */
  ShuffleDependency dependency;
  int nextAttempt;
  int fetchFailedAttempts;

  private Stage(
      int id, StageKind kind, PhysicalPlan plan, int shuffleId, Partitioning partitioning, Schema outputSchema,
      int broadcastId) {
    this.id = id;
    this.kind = kind;
    this.plan = plan;
    this.partitionCount = PlanPartitions.count(plan);
    this.shuffleId = shuffleId;
    this.partitioning = partitioning;
    this.outputSchema = outputSchema;
    this.broadcastId = broadcastId;
  }

  static Stage shuffleMap(int id, PhysicalPlan plan, int shuffleId, Partitioning partitioning) {
    Stage stage = new Stage(id, StageKind.SHUFFLE_MAP, plan, shuffleId, partitioning, plan.schema(), -1);
    if (!(partitioning instanceof Partitioning.Range)) {
      stage.dependency = new ShuffleDependency(shuffleId, stage.partitionCount, partitioning, plan.schema(), null);
    }
    return stage;
  }

  static Stage broadcast(int id, PhysicalPlan plan, int broadcastId) {
    return new Stage(id, StageKind.BROADCAST, plan, -1, null, plan.schema(), broadcastId);
  }

  static Stage sample(int id, Stage mapStage) {
    Stage stage = new Stage(id, StageKind.SAMPLE, mapStage.plan, -1, mapStage.partitioning, mapStage.outputSchema, -1);
    stage.sampledStage = mapStage;
    stage.parents.addAll(mapStage.parents);
    return stage;
  }

  static Stage result(int id, PhysicalPlan plan) {
    return new Stage(id, StageKind.RESULT, plan, -1, null, plan.schema(), -1);
  }

  List<Integer> parentIds() {
    return parents.stream().map(parent -> parent.id).toList();
  }

  /** The shuffles this stage's plan reads. */
  Set<Integer> shufflesRead() {
    Set<Integer> ids = new TreeSet<>();
    collectReads(plan, ids, true);
    return ids;
  }

  /** The broadcasts this stage's plan reads. */
  Set<Integer> broadcastsRead() {
    Set<Integer> ids = new TreeSet<>();
    collectReads(plan, ids, false);
    return ids;
  }

  private static void collectReads(PhysicalPlan node, Set<Integer> ids, boolean shuffles) {
    if (shuffles && node instanceof ShuffleReadExec read) {
      ids.add(read.shuffleId());
    } else if (!shuffles && node instanceof BroadcastReadExec read) {
      ids.add(read.broadcastId());
    }
    for (PhysicalPlan child : node.children()) {
      collectReads(child, ids, shuffles);
    }
  }

  @Override
  public String toString() {
    return "stage " + id + " (" + kind + ", " + partitionCount + " partitions)";
  }
}
