package dev.ember.catalyst.explain;

import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Union;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stage graph cuts plans as the DAG scheduler does, and renders as formatted text, DOT and Mermaid. */
class StageGraphTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation orders = relation(3, "id INT, customer_id INT, total DOUBLE");
  private final LocalRelation customers = relation(2, "customer_id INT, name STRING");

  /** orders ⋈ broadcast(customers), revenue by name, sorted: broadcast, hash, sample, range, result. */
  private PhysicalPlan revenueByName() {
    LogicalPlan joined = analyzer.join(orders, customers,
        eq(bound(orders.output().get(1)), bound(customers.output().get(0))), JoinType.INNER, false, true);
    LogicalPlan revenue = analyzer.aggregate(joined, List.of(col("name")), List.of(sum(col("total"))));
    LogicalPlan sorted = analyzer.sort(revenue, List.of(desc(col("sum(total)"))));
    return new PhysicalPlanner(new PlannerSettings(4)).plan(sorted);
  }

  @Test
  void stagesHaveTheSchedulersIdsKindsTaskCountsAndParents() {
    StageGraph graph = StageGraph.of(revenueByName());
    assertThat(graph.stages()).extracting(StageNode::id, StageNode::kind, StageNode::partitionCount, StageNode::parents)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, StageKind.BROADCAST, 2, List.of()),
            org.assertj.core.groups.Tuple.tuple(1, StageKind.SHUFFLE_MAP, 3, List.of(0)),
            org.assertj.core.groups.Tuple.tuple(2, StageKind.SAMPLE, 4, List.of(1)),
            org.assertj.core.groups.Tuple.tuple(3, StageKind.SHUFFLE_MAP, 4, List.of(1, 2)),
            org.assertj.core.groups.Tuple.tuple(4, StageKind.RESULT, 4, List.of(3)));
    assertThat(graph.resultStage()).isSameAs(graph.stage(4));
    assertThat(graph.sampledBy(graph.stage(2))).isSameAs(graph.stage(3));
    // Exchanges are the only wide operators, and each ends its stage.
    for (StageNode stage : graph.stages()) {
      List<OperatorNode> operators = stage.operators();
      boolean endsInExchange = stage.kind() == StageKind.SHUFFLE_MAP || stage.kind() == StageKind.BROADCAST;
      assertThat(operators.stream().filter(OperatorNode::wide).count()).isEqualTo(endsInExchange ? 1 : 0);
      assertThat(operators.get(operators.size() - 1).wide()).isEqualTo(endsInExchange);
    }
    assertThat(graph.operators()).extracting(OperatorNode::number).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThatThrownBy(() -> graph.stage(5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no stage 5: the job has stages 0..4");
    assertThatThrownBy(() -> graph.sampledBy(graph.stage(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage 1 is a SHUFFLE_MAP stage, not SAMPLE");
  }

  @Test
  void theSimplePlanNamesTheSameStages() {
    assertThat(PlanPrinter.physical(revenueByName())).isEqualTo("""
        Sort orders=[sum(total)#1 DESC NULLS LAST], resultStage=4, resultTasks=4
          Exchange rangepartitioning(sum(total)#1 DESC NULLS LAST, 4), sampleStage=2, endsStage=3, stageTasks=4
            HashAggregate mode=FINAL, keys=[name#0], functions=[sum(sum(total)#1)], output=[name, sum(total)]
              Exchange hashpartitioning(name#0, 4), endsStage=1, stageTasks=3
                HashAggregate mode=PARTIAL, keys=[name#4], functions=[sum(total#2)], output=[name, sum(total)]
                  HashJoin type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0]
                    InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
                    BroadcastExchange endsStage=0, stageTasks=2
                      InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
  }

  @Test
  void formattedGroupsNumberedOperatorsByStage() {
    assertThat(Explainer.formatted(StageGraph.of(revenueByName()))).isEqualTo("""
        == Physical Plan ==
        Stage 0 (BROADCAST, 2 tasks, parents: none)
          (2) InMemoryScan [narrow] output=[customer_id#0, name#1], partitions=2, rows=0
          (3) BroadcastExchange [wide] BroadcastPartitioning, inputs=[(2)]
        Stage 1 (SHUFFLE_MAP, 3 tasks, parents: 0)
          (1) InMemoryScan [narrow] output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          (4) HashJoin [narrow] type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0], inputs=[(1), (3)]
          (5) HashAggregate [narrow] mode=PARTIAL, keys=[name#4], functions=[sum(total#2)], output=[name, sum(total)], inputs=[(4)]
          (6) Exchange [wide] hashpartitioning(name#0, 4), inputs=[(5)]
        Stage 2 (SAMPLE, 4 tasks, parents: 1)
          samples the sort keys for stage 3 by running (7)
        Stage 3 (SHUFFLE_MAP, 4 tasks, parents: 1, 2)
          (7) HashAggregate [narrow] mode=FINAL, keys=[name#0], functions=[sum(sum(total)#1)], output=[name, sum(total)], inputs=[(6)]
          (8) Exchange [wide] rangepartitioning(sum(total)#1 DESC NULLS LAST, 4), inputs=[(7)]
        Stage 4 (RESULT, 4 tasks, parents: 3)
          (9) Sort [narrow] orders=[sum(total)#1 DESC NULLS LAST], inputs=[(8)]

        == Operator Output ==
        (1) InMemoryScan [3]: id: int, customer_id: int, total: double
        (2) InMemoryScan [2]: customer_id: int, name: string
        (3) BroadcastExchange [2]: customer_id: int, name: string
        (4) HashJoin [5]: id: int, customer_id: int, total: double, customer_id: int, name: string
        (5) HashAggregate [2]: name: string, sum(total): double
        (6) Exchange [2]: name: string, sum(total): double
        (7) HashAggregate [2]: name: string, sum(total): double
        (8) Exchange [2]: name: string, sum(total): double
        (9) Sort [2]: name: string, sum(total): double
        """);
  }

  @Test
  void dot() {
    assertThat(StageGraph.of(revenueByName()).toDot()).isEqualTo("""
        digraph stages {
          rankdir=BT;
          node [shape=box, fontname="monospace"];
          subgraph cluster_stage0 {
            label="Stage 0 (BROADCAST, 2 tasks, parents: none)";
            op2 [label="(2) InMemoryScan", tooltip="output=[customer_id#0, name#1], partitions=2, rows=0"];
            op3 [label="(3) BroadcastExchange", tooltip="BroadcastPartitioning"];
          }
          subgraph cluster_stage1 {
            label="Stage 1 (SHUFFLE_MAP, 3 tasks, parents: 0)";
            op1 [label="(1) InMemoryScan", tooltip="output=[id#0, customer_id#1, total#2], partitions=3, rows=0"];
            op4 [label="(4) HashJoin", tooltip="type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0]"];
            op5 [label="(5) HashAggregate", tooltip="mode=PARTIAL, keys=[name#4], functions=[sum(total#2)], output=[name, sum(total)]"];
            op6 [label="(6) Exchange", tooltip="hashpartitioning(name#0, 4)"];
          }
          subgraph cluster_stage2 {
            label="Stage 2 (SAMPLE, 4 tasks, parents: 1)";
            sample2 [shape=ellipse, label="sample sort keys for stage 3"];
          }
          subgraph cluster_stage3 {
            label="Stage 3 (SHUFFLE_MAP, 4 tasks, parents: 1, 2)";
            op7 [label="(7) HashAggregate", tooltip="mode=FINAL, keys=[name#0], functions=[sum(sum(total)#1)], output=[name, sum(total)]"];
            op8 [label="(8) Exchange", tooltip="rangepartitioning(sum(total)#1 DESC NULLS LAST, 4)"];
          }
          subgraph cluster_stage4 {
            label="Stage 4 (RESULT, 4 tasks, parents: 3)";
            op9 [label="(9) Sort", tooltip="orders=[sum(total)#1 DESC NULLS LAST]"];
          }
          op2 -> op3;
          op1 -> op4;
          op3 -> op4 [style=dashed, label="broadcast"];
          op4 -> op5;
          op5 -> op6;
          op6 -> op7 [style=dashed, label="hashpartitioning(name#0, 4)"];
          op7 -> op8;
          op8 -> op9 [style=dashed, label="rangepartitioning(sum(total)#1 DESC NULLS LAST, 4)"];
          sample2 -> op8 [style=dotted, label="range bounds"];
        }
        """);
  }

  @Test
  void mermaid() {
    assertThat(StageGraph.of(revenueByName()).toMermaid()).isEqualTo("""
        flowchart TD
          subgraph stage0["Stage 0 (BROADCAST, 2 tasks, parents: none)"]
            op2["(2) InMemoryScan"]
            op3["(3) BroadcastExchange"]
          end
          subgraph stage1["Stage 1 (SHUFFLE_MAP, 3 tasks, parents: 0)"]
            op1["(1) InMemoryScan"]
            op4["(4) HashJoin"]
            op5["(5) HashAggregate"]
            op6["(6) Exchange"]
          end
          subgraph stage2["Stage 2 (SAMPLE, 4 tasks, parents: 1)"]
            sample2(["sample sort keys for stage 3"])
          end
          subgraph stage3["Stage 3 (SHUFFLE_MAP, 4 tasks, parents: 1, 2)"]
            op7["(7) HashAggregate"]
            op8["(8) Exchange"]
          end
          subgraph stage4["Stage 4 (RESULT, 4 tasks, parents: 3)"]
            op9["(9) Sort"]
          end
          op2 --> op3
          op1 --> op4
          op3 -.->|"broadcast"| op4
          op4 --> op5
          op5 --> op6
          op6 -.->|"hashpartitioning(name#0, 4)"| op7
          op7 --> op8
          op8 -.->|"rangepartitioning(sum(total)#1 DESC NULLS LAST, 4)"| op9
          sample2 -.->|"range bounds"| op8
        """);
  }

  @Test
  void anExchangeReadTwiceIsOneStage() {
    LogicalPlan totals = analyzer.aggregate(orders, List.of(col("customer_id")), List.of(sum(col("total"))));
    PhysicalPlan plan = new PhysicalPlanner(new PlannerSettings(2)).plan(new Union(List.of(totals, totals)));
    StageGraph graph = StageGraph.of(plan);
    assertThat(graph.stages()).extracting(StageNode::kind).containsExactly(StageKind.SHUFFLE_MAP, StageKind.RESULT);
    assertThat(graph.resultStage().parents()).containsExactly(0);
    assertThat(Explainer.formatted(graph)).isEqualTo("""
        == Physical Plan ==
        Stage 0 (SHUFFLE_MAP, 3 tasks, parents: none)
          (1) InMemoryScan [narrow] output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          (2) HashAggregate [narrow] mode=PARTIAL, keys=[customer_id#1], functions=[sum(total#2)], output=[customer_id, sum(total)], inputs=[(1)]
          (3) Exchange [wide] hashpartitioning(customer_id#0, 2), inputs=[(2)]
        Stage 1 (RESULT, 4 tasks, parents: 0)
          (4) HashAggregate [narrow] mode=FINAL, keys=[customer_id#0], functions=[sum(sum(total)#1)], output=[customer_id, sum(total)], inputs=[(3)]
          (5) HashAggregate [narrow] mode=FINAL, keys=[customer_id#0], functions=[sum(sum(total)#1)], output=[customer_id, sum(total)], inputs=[(3)]
          (6) Union [narrow] output=[customer_id#0, sum(total)#1], inputs=[(4), (5)]

        == Operator Output ==
        (1) InMemoryScan [3]: id: int, customer_id: int, total: double
        (2) HashAggregate [2]: customer_id: int, sum(total): double
        (3) Exchange [2]: customer_id: int, sum(total): double
        (4) HashAggregate [2]: customer_id: int, sum(total): double
        (5) HashAggregate [2]: customer_id: int, sum(total): double
        (6) Union [2]: customer_id: int, sum(total): double
        """);
  }

  @Test
  void aPlanWithoutExchangesIsOneResultStage() {
    StageGraph graph = StageGraph.of(new PhysicalPlanner(new PlannerSettings(2)).plan(orders));
    assertThat(graph.stages()).hasSize(1);
    assertThat(graph.resultStage().header()).isEqualTo("Stage 0 (RESULT, 3 tasks, parents: none)");
    assertThat(graph.toMermaid()).isEqualTo("""
        flowchart TD
          subgraph stage0["Stage 0 (RESULT, 3 tasks, parents: none)"]
            op1["(1) InMemoryScan"]
          end
        """);
  }

  @Test
  void recordsCheckTheirArguments() {
    assertThatThrownBy(() -> new StageGraph(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends with its result stage");
    StageNode result = new StageNode(1, StageKind.RESULT, 1, List.of(), List.of());
    assertThatThrownBy(() -> new StageGraph(List.of(result))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stage ids are 0..0 in order, but stage 0 has id 1");
    assertThatThrownBy(() -> new OperatorNode(0, "Filter", false, "", List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("operator numbers start at 1: 0");
    assertThat(new OperatorNode(2, "Exchange", true, "SinglePartition", List.of(1), List.of()).line())
        .isEqualTo("(2) Exchange [wide] SinglePartition, inputs=[(1)]");
    assertThat(new OperatorNode(3, "BroadcastExchange", true, "", List.of(1), List.of()).line())
        .isEqualTo("(3) BroadcastExchange [wide] inputs=[(1)]");
  }
}
