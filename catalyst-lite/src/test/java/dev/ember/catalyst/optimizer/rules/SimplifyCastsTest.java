package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.cast;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SimplifyCastsTest {
  private final PlanBuilder t = PlanBuilder.relation("i INT, l BIGINT, s STRING");
  private final AttributeReference i = t.attribute("i");
  private final AttributeReference l = t.attribute("l");
  private final AttributeReference s = t.attribute("s");

  @Test
  void removesCastsToTheSameTypeAndExactWideningChains() {
    LogicalPlan plan = t.select(
        as(cast(s, ColumnType.STRING), "same"),
        as(cast(cast(i, ColumnType.LONG), ColumnType.DOUBLE), "chain"),
        as(cast(cast(i, ColumnType.DOUBLE), ColumnType.INT), "back")).build();

    assertThat(optimizedText(plan, new SimplifyCasts())).isEqualTo("""
        Project expressions=[s AS same, cast(i as double) AS chain, i AS back]
          LocalRelation output=[i, l, s], partitions=1, rows=1000
        """);
  }

  @Test
  void keepsLossyAndTextChains() {
    LogicalPlan plan = t.select(
        as(cast(cast(l, ColumnType.DOUBLE), ColumnType.LONG), "lossy"),
        as(cast(cast(i, ColumnType.DOUBLE), ColumnType.STRING), "text"),
        as(cast(cast(s, ColumnType.INT), ColumnType.LONG), "parsed"),
        as(cast(i, ColumnType.LONG), "widen")).build();

    assertThat(PlanBuilder.optimizeWith(plan, new SimplifyCasts())).isSameAs(plan);
  }

  @Test
  void simplifiedChainsGiveTheSameValuesOnEdgeInts() {
    Schema schema = new Schema(List.of(new Field("i", ColumnType.INT, true)));
    List<List<Object>> rows = new ArrayList<>();
    Random random = new Random(7);
    for (int value : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      rows.add(List.of(value));
    }
    for (int k = 0; k < 200; k++) {
      rows.add(List.of(random.nextInt()));
    }
    rows.add(java.util.Arrays.asList((Object) null));
    Batch batch = Batch.fromRows(schema, rows);
    for (ColumnType middle : List.of(ColumnType.LONG, ColumnType.DOUBLE)) {
      for (ColumnType target : List.of(ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE)) {
        Expression chain = cast(cast(i, middle), target);
        Expression simplified = SimplifyCasts.simplify(chain);
        assertThat(SimplifyBooleansTest.evaluate(simplified, List.of(i), batch)).as(chain + " -> " + simplified)
            .isEqualTo(SimplifyBooleansTest.evaluate(chain, List.of(i), batch));
      }
    }
  }
}
