package dev.ember.catalyst.explain;

import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cuts a physical plan into stages exactly as the engine's {@code StageBuilder} does, so that
 * explain and execution agree: a depth-first walk, children left to right; each exchange gets its
 * stage once its child's stages exist (a broadcast exchange a BROADCAST stage, others a
 * SHUFFLE_MAP stage; a range exchange first a SAMPLE stage, then its map stage, which lists the
 * sample stage last among its parents); equal exchanges (record equality, the same subtree read
 * twice) are one stage; the result stage comes last. Operators are numbered in the same walk.
 */
final class StageCutter {
  private record Cut(int stageId, int exchangeNumber) {}

  private final Map<Integer, StageNode> stages = new TreeMap<>();
  private final Map<ExchangeExec, Cut> seen = new HashMap<>();
  private int nextStage;
  private int nextOperator = 1;

  StageGraph.Layout cut(PhysicalPlan plan) {
    List<OperatorNode> operators = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    visit(plan, operators, parents);
    int resultId = nextStage++;
    stages.put(resultId, new StageNode(resultId, StageKind.RESULT, PlanPartitions.count(plan), parents, operators));
    Map<ExchangeExec, Integer> exchangeStages = new HashMap<>();
    seen.forEach((exchange, cut) -> exchangeStages.put(exchange, cut.stageId()));
    return new StageGraph.Layout(new StageGraph(List.copyOf(stages.values())), exchangeStages);
  }

  /** Adds the node's operators (up to the exchanges below it) and returns its number; the exchanges' stages go to {@code parents}. */
  private int visit(PhysicalPlan node, List<OperatorNode> operators, List<Integer> parents) {
    if (node instanceof ExchangeExec exchange) {
      Cut cut = seen.get(exchange);
      if (cut == null) {
        cut = newStage(exchange);
        seen.put(exchange, cut);
      }
      if (!parents.contains(cut.stageId())) {
        parents.add(cut.stageId());
      }
      return cut.exchangeNumber();
    }
    List<Integer> children = new ArrayList<>();
    for (PhysicalPlan child : node.children()) {
      children.add(visit(child, operators, parents));
    }
    int number = nextOperator++;
    operators.add(operator(number, node, false, children));
    return number;
  }

  private Cut newStage(ExchangeExec exchange) {
    List<OperatorNode> operators = new ArrayList<>();
    List<Integer> parents = new ArrayList<>();
    int child = visit(exchange.child(), operators, parents);
    List<OperatorNode> withoutExchange = List.copyOf(operators);
    int number = nextOperator++;
    operators.add(operator(number, exchange, true, List.of(child)));
    int tasks = PlanPartitions.count(exchange.child());
    int stageId;
    switch (exchange.partitioning()) {
      case Partitioning.Broadcast broadcast -> {
        stageId = nextStage++;
        stages.put(stageId, new StageNode(stageId, StageKind.BROADCAST, tasks, parents, operators));
      }
      case Partitioning.Range range -> {
        // The sample stage gets its id first: it runs first.
        int sampleId = nextStage++;
        stageId = nextStage++;
        stages.put(sampleId, new StageNode(sampleId, StageKind.SAMPLE, tasks, parents, withoutExchange));
        List<Integer> mapParents = new ArrayList<>(parents);
        mapParents.add(sampleId);
        stages.put(stageId, new StageNode(stageId, StageKind.SHUFFLE_MAP, tasks, mapParents, operators));
      }
      case Partitioning.Hash hash -> stageId = mapStage(tasks, parents, operators);
      case Partitioning.RoundRobin roundRobin -> stageId = mapStage(tasks, parents, operators);
      case Partitioning.Single single -> stageId = mapStage(tasks, parents, operators);
    }
    return new Cut(stageId, number);
  }

  private int mapStage(int tasks, List<Integer> parents, List<OperatorNode> operators) {
    int stageId = nextStage++;
    stages.put(stageId, new StageNode(stageId, StageKind.SHUFFLE_MAP, tasks, parents, operators));
    return stageId;
  }

  private static OperatorNode operator(int number, PhysicalPlan node, boolean wide, List<Integer> children) {
    List<String> parts = PlanPrinter.physicalParts(node);
    String name = parts.remove(0);
    Schema schema = node.schema();
    List<String> output = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      output.add(schema.field(i).name() + ": " + schema.field(i).type().simpleString());
    }
    String detail = String.join(", ", parts);
    if (node instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Broadcast) {
      detail = "BroadcastPartitioning";
    }
    return new OperatorNode(number, name, wide, detail, children, output);
  }
}
