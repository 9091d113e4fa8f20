package dev.ember.core.scheduler;

import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ShuffleReadExec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts a physical plan into stages at its exchanges: the one stage walk, used by the DAG scheduler
 * to run a job and by explain to show it, so both see the same stages with the same keys. A pure
 * function of the plan (and the first shuffle and broadcast ids to hand out).
 *
 * <p>The walk is depth-first, children left to right. Each exchange gets its stage once its child's
 * stages exist: a broadcast exchange a BROADCAST stage, others a SHUFFLE_MAP stage; a range exchange
 * first a SAMPLE stage, then its map stage, which lists the sample stage last among its parents. In
 * the consuming stage's plan the exchange becomes a {@link ShuffleReadExec} or {@link
 * BroadcastReadExec} leaf. Equal exchanges (record equality: the same subtree read twice) are one
 * stage. The result stage comes last. Stage keys, shuffle ids and broadcast ids are handed out in
 * the order the stages are made; operators are numbered in the same walk, children first.
 */
public final class StageBuilder {
  private final List<StagePlan> stages = new ArrayList<>();
  private final Map<ExchangeExec, Cut> seen = new LinkedHashMap<>();
  private int nextShuffleId;
  private int nextBroadcastId;
  private int nextOperator = 1;

  /** The stage an exchange ends, the leaf that reads its output, and the exchange's operator number. */
  private record Cut(int stageKey, PhysicalPlan readLeaf, int exchangeNumber) {}

  /** A plan with its exchanges cut out, and the operator number of its root. */
  private record Fragment(PhysicalPlan plan, int number) {}

  private StageBuilder(int firstShuffleId, int firstBroadcastId) {
    this.nextShuffleId = firstShuffleId;
    this.nextBroadcastId = firstBroadcastId;
  }

  /** The stages of {@code plan}, shuffle and broadcast ids from 0 (as explain shows them). */
  public static JobStages build(PhysicalPlan plan) {
    return build(plan, 0, 0);
  }

  /** The stages of {@code plan}, its shuffles numbered from {@code firstShuffleId} and its broadcasts from {@code firstBroadcastId}. */
  public static JobStages build(PhysicalPlan plan, int firstShuffleId, int firstBroadcastId) {
    Objects.requireNonNull(plan, "plan is null");
    if (firstShuffleId < 0 || firstBroadcastId < 0) {
      throw new IllegalArgumentException("ids are not negative: " + firstShuffleId + ", " + firstBroadcastId);
    }
    return new StageBuilder(firstShuffleId, firstBroadcastId).walk(plan);
  }

  private JobStages walk(PhysicalPlan plan) {
    List<StageOperator> operators = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    Fragment root = visit(plan, operators, parents);
    add(root.plan(), parents, operators, new StageOutput.Result());
    Map<ExchangeExec, Integer> exchangeStages = new HashMap<>();
    seen.forEach((exchange, cut) -> exchangeStages.put(exchange, cut.stageKey()));
    return new JobStages(stages, exchangeStages);
  }

  /** Cuts the node's subtree at its exchanges, adding its operators; the exchanges' stages go to {@code parents}. */
  private Fragment visit(PhysicalPlan node, List<StageOperator> operators, List<Integer> parents) {
    if (node instanceof ExchangeExec exchange) {
      Cut cut = seen.get(exchange);
      if (cut == null) {
        cut = newStage(exchange);
        seen.put(exchange, cut);
      }
      if (!parents.contains(cut.stageKey())) {
        parents.add(cut.stageKey());
      }
      return new Fragment(cut.readLeaf(), cut.exchangeNumber());
    }
    List<PhysicalPlan> children = node.children();
    List<PhysicalPlan> newChildren = new ArrayList<>(children.size());
    List<Integer> childNumbers = new ArrayList<>(children.size());
    boolean changed = false;
    for (PhysicalPlan child : children) {
      Fragment fragment = visit(child, operators, parents);
      changed |= fragment.plan() != child;
      newChildren.add(fragment.plan());
      childNumbers.add(fragment.number());
    }
    int number = nextOperator++;
    operators.add(new StageOperator(number, node, childNumbers));
    return new Fragment(changed ? node.withChildren(newChildren) : node, number);
  }

  private Cut newStage(ExchangeExec exchange) {
    List<StageOperator> operators = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    Fragment child = visit(exchange.child(), operators, parents);
    List<StageOperator> withoutExchange = List.copyOf(operators);
    int number = nextOperator++;
    operators.add(new StageOperator(number, exchange, List.of(child.number())));
    return switch (exchange.partitioning()) {
      case Partitioning.Broadcast broadcast -> {
        int broadcastId = nextBroadcastId++;
        int key = add(child.plan(), parents, operators, new StageOutput.Broadcast(broadcastId));
        yield new Cut(key, new BroadcastReadExec(broadcastId, exchange.schema()), number);
      }
      case Partitioning.Range range -> {
        // The sample stage gets its key first: it runs first.
        int shuffleId = nextShuffleId++;
        int sampleKey = add(child.plan(), parents, withoutExchange, new StageOutput.Sample(stages.size() + 1, range));
        List<Integer> mapParents = new ArrayList<>(parents);
        mapParents.add(sampleKey);
        int key = add(child.plan(), mapParents, operators, new StageOutput.Shuffle(shuffleId, range));
        yield new Cut(key, new ShuffleReadExec(shuffleId, exchange.schema(), range.partitionCount()), number);
      }
      case Partitioning.Hash hash -> shuffleStage(exchange, child, parents, operators, number);
      case Partitioning.RoundRobin roundRobin -> shuffleStage(exchange, child, parents, operators, number);
      case Partitioning.Single single -> shuffleStage(exchange, child, parents, operators, number);
    };
  }

  private Cut shuffleStage(
      ExchangeExec exchange, Fragment child, List<Integer> parents, List<StageOperator> operators, int number) {
    int shuffleId = nextShuffleId++;
    Partitioning partitioning = exchange.partitioning();
    int key = add(child.plan(), parents, operators, new StageOutput.Shuffle(shuffleId, partitioning));
    return new Cut(key, new ShuffleReadExec(shuffleId, exchange.schema(), partitioning.partitionCount()), number);
  }

  /** Adds a stage with the next key and returns the key. */
  private int add(PhysicalPlan plan, List<Integer> parents, List<StageOperator> operators, StageOutput output) {
    int key = stages.size();
    stages.add(new StagePlan(key, plan, PlanPartitions.count(plan), parents, operators, output));
    return key;
  }
}
