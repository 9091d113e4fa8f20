package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ShuffleReadExec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Cuts a physical plan into stages at its exchanges. Each exchange becomes a parent stage (a
 * shuffle-map stage, or a broadcast stage for {@link Partitioning.Broadcast}) whose plan is the
 * exchange's child, and in the consuming plan a {@link ShuffleReadExec} or {@link BroadcastReadExec}
 * leaf. A range exchange also gets a sample stage before its map stage. Equal exchanges (the same
 * subtree read twice) share one stage. Stage ids are handed out parents first.
 */
final class StageBuilder {
  /** The stages of one job: all of them parents first, the result stage last. */
  record JobStages(List<Stage> stages, Stage resultStage) {}

  private final IntSupplier stageIds;
  private final IntSupplier shuffleIds;
  private final IntSupplier broadcastIds;
  private final List<Stage> stages = new ArrayList<>();
  private final Map<ExchangeExec, Replacement> seen = new HashMap<>();

  private record Replacement(PhysicalPlan leaf, Stage stage) {}

  StageBuilder(IntSupplier stageIds, IntSupplier shuffleIds, IntSupplier broadcastIds) {
    this.stageIds = stageIds;
    this.shuffleIds = shuffleIds;
    this.broadcastIds = broadcastIds;
  }

  JobStages build(PhysicalPlan plan) {
    List<Stage> parents = new ArrayList<>();
    PhysicalPlan resultPlan = cut(plan, parents);
    Stage result = Stage.result(stageIds.getAsInt(), resultPlan);
    result.parents.addAll(parents);
    stages.add(result);
    return new JobStages(List.copyOf(stages), result);
  }

  /** The plan with exchanges replaced by read leaves; the stages made for its direct exchanges go to {@code parents}. */
  private PhysicalPlan cut(PhysicalPlan plan, List<Stage> parents) {
    if (plan instanceof ExchangeExec exchange) {
      Replacement replacement = seen.get(exchange);
      if (replacement == null) {
        replacement = newStage(exchange);
        seen.put(exchange, replacement);
      }
      if (!parents.contains(replacement.stage())) {
        parents.add(replacement.stage());
      }
      return replacement.leaf();
    }
    List<PhysicalPlan> children = plan.children();
    if (children.isEmpty()) {
      return plan;
    }
    List<PhysicalPlan> newChildren = new ArrayList<>(children.size());
    boolean changed = false;
    for (PhysicalPlan child : children) {
      PhysicalPlan newChild = cut(child, parents);
      changed |= newChild != child;
      newChildren.add(newChild);
    }
    return changed ? plan.withChildren(newChildren) : plan;
  }

  private Replacement newStage(ExchangeExec exchange) {
    List<Stage> parents = new ArrayList<>();
    PhysicalPlan stagePlan = cut(exchange.child(), parents);
    Partitioning partitioning = exchange.partitioning();
    if (partitioning instanceof Partitioning.Broadcast) {
      int broadcastId = broadcastIds.getAsInt();
      Stage stage = Stage.broadcast(stageIds.getAsInt(), stagePlan, broadcastId);
      stage.parents.addAll(parents);
      stages.add(stage);
      return new Replacement(new BroadcastReadExec(broadcastId, exchange.schema()), stage);
    }
    int shuffleId = shuffleIds.getAsInt();
    if (partitioning instanceof Partitioning.Range) {
      // The sample stage gets its id first: it runs first.
      int sampleId = stageIds.getAsInt();
      Stage mapStage = Stage.shuffleMap(stageIds.getAsInt(), stagePlan, shuffleId, partitioning);
      mapStage.parents.addAll(parents);
      Stage sample = Stage.sample(sampleId, mapStage);
      stages.add(sample);
      mapStage.parents.add(sample);
      stages.add(mapStage);
      return new Replacement(new ShuffleReadExec(shuffleId, exchange.schema(), partitioning.partitionCount()), mapStage);
    }
    Stage stage = Stage.shuffleMap(stageIds.getAsInt(), stagePlan, shuffleId, partitioning);
    stage.parents.addAll(parents);
    stages.add(stage);
    return new Replacement(new ShuffleReadExec(shuffleId, exchange.schema(), partitioning.partitionCount()), stage);
  }
}
