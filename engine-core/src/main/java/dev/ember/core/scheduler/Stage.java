package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One stage of a running job: a {@link StagePlan} of the job's {@link JobStages} with its
 * session-wide id and its execution state. A SHUFFLE_MAP stage writes shuffle {@link #shuffleId}; a
 * BROADCAST stage collects broadcast {@link #broadcastId}; a SAMPLE stage samples the sort keys of
 * the range map stage {@link #sampledStage}; the RESULT stage runs the job's action.
 *
 * <p>Owned by the scheduling thread of its job.
 */
final class Stage {
  /** Unique in the session: the job's first stage id plus {@link #key}. */
  final int id;
  /** The stage's key in its job, as explain shows it. */
  final int key;
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
  /** Set when the stage is made, or (range partitioning) once its bounds are sampled. */
  ShuffleDependency dependency;
  int nextAttempt;
  int fetchFailedAttempts;

  private Stage(int id, StagePlan stagePlan, int shuffleId, Partitioning partitioning, int broadcastId) {
    this.id = id;
    this.key = stagePlan.key();
    this.kind = stagePlan.kind();
    this.plan = stagePlan.plan();
    this.partitionCount = stagePlan.partitionCount();
    this.shuffleId = shuffleId;
    this.partitioning = partitioning;
    this.outputSchema = plan.schema();
    this.broadcastId = broadcastId;
  }

  /** The job's stages, parents first, with ids from {@code firstStageId} on in key order. */
  static List<Stage> forJob(JobStages job, int firstStageId) {
    List<Stage> stages = new ArrayList<>();
    for (StagePlan stagePlan : job.stages()) {
      Stage stage = of(firstStageId + stagePlan.key(), stagePlan);
      // A parent always has a smaller key: the walk makes a stage after the stages it reads.
      for (int parent : stagePlan.parents()) {
        stage.parents.add(stages.get(parent));
      }
      stages.add(stage);
    }
    for (Stage stage : stages) {
      if (job.stage(stage.key).output() instanceof StageOutput.Sample sample) {
        stage.sampledStage = stages.get(sample.mapStageKey());
      }
    }
    return stages;
  }

  private static Stage of(int id, StagePlan stagePlan) {
    return switch (stagePlan.output()) {
      case StageOutput.Shuffle shuffle -> {
        Stage stage = new Stage(id, stagePlan, shuffle.shuffleId(), shuffle.partitioning(), -1);
        // A range shuffle gets its dependency once its sample stage chose the bounds.
        if (!(shuffle.partitioning() instanceof Partitioning.Range)) {
          stage.dependency = new ShuffleDependency(
              shuffle.shuffleId(), stage.partitionCount, shuffle.partitioning(), stage.outputSchema, null);
        }
        yield stage;
      }
      case StageOutput.Broadcast broadcast -> new Stage(id, stagePlan, -1, null, broadcast.broadcastId());
      case StageOutput.Sample sample -> new Stage(id, stagePlan, -1, sample.partitioning(), -1);
      case StageOutput.Result result -> new Stage(id, stagePlan, -1, null, -1);
    };
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
