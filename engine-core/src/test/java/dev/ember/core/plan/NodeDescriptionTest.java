package dev.ember.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeDescriptionTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.LONG));
  private static final InMemoryScanExec SCAN = new InMemoryScanExec(SCHEMA,
      List.of(Batch.fromRows(SCHEMA, List.of(List.of(1L, 2L))), Batch.empty(SCHEMA)));

  @Test
  void aNodeIsItsNameAndDetailsWithColumnsNamedByTheirInput() {
    FilterExec filter = new FilterExec(SCAN, new Comparison(ComparisonOperator.GREATER_THAN, new BoundReference(1, ColumnType.LONG, false), Literal.of(3L)));
    assertThat(NodeDescription.of(SCAN).line()).isEqualTo("InMemoryScan output=[k#0, v#1], partitions=2, rows=1");
    assertThat(NodeDescription.of(filter).line()).isEqualTo("Filter condition=(v#1 > 3)");
    assertThat(NodeDescription.of(new ExchangeExec(filter, new Partitioning.Broadcast())))
        .isEqualTo(new NodeDescription("BroadcastExchange", List.of()));
  }

  @Test
  void theOutlineNamesTheReadLeavesShufflesAndBroadcasts() {
    PhysicalPlan plan = new UnionExec(List.of(new ShuffleReadExec(4, SCHEMA, 2), new BroadcastReadExec(1, SCHEMA)), SCHEMA);
    assertThat(NodeDescription.outline(new LimitExec(plan, 5)))
        .isEqualTo("Limit(Union(ShuffleRead[shuffle 4], BroadcastRead[broadcast 1]))");
  }

  @Test
  void aReferencePastTheInputIsShownNotThrown() {
    // The scheduler describes every stage it submits, also one whose task will fail on such a plan.
    ProjectExec broken = new ProjectExec(SCAN, List.of(new BoundReference(9, ColumnType.LONG, true)),
        Schema.of(Field.of("missing", ColumnType.LONG)));
    assertThat(NodeDescription.of(broken).line()).isEqualTo("Project expressions=[?#9 AS missing]");
    assertThat(NodeDescription.outline(broken)).isEqualTo("Project(InMemoryScan)");
  }
}
