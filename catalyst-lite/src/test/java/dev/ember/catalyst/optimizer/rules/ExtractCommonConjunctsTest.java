package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.eq;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.or;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractCommonConjunctsTest {
  private final PlanBuilder t = PlanBuilder.relation("k INT, j INT, x INT");
  private final AttributeReference k = t.attribute("k");
  private final AttributeReference j = t.attribute("j");
  private final AttributeReference x = t.attribute("x");

  @Test
  void movesTheConjunctEveryDisjunctHasOutOfTheOr() {
    LogicalPlan plan = t.where(or(or(and(eq(k, j), eq(x, lit(1))), and(eq(x, lit(2)), eq(k, j))),
        and(eq(k, j), gt(x, lit(5))))).build();

    assertThat(optimizedText(plan, new ExtractCommonConjuncts())).isEqualTo("""
        Filter condition=((k = j) AND (((x = 1) OR (x = 2)) OR (x > 5)))
          LocalRelation output=[k, j, x], partitions=1, rows=1000
        """);
  }

  @Test
  void absorbsADisjunctThatIsOnlyTheCommonConjunct() {
    LogicalPlan plan = t.where(or(eq(k, j), and(eq(k, j), eq(x, lit(1))))).build();

    assertThat(optimizedText(plan, new ExtractCommonConjuncts())).isEqualTo("""
        Filter condition=(k = j)
          LocalRelation output=[k, j, x], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireWithoutAConjunctCommonToAllDisjuncts() {
    LogicalPlan plan = t.where(or(and(eq(k, j), eq(x, lit(1))), eq(x, lit(2)))).build();

    assertThat(PlanBuilder.optimizeWith(plan, new ExtractCommonConjuncts())).isSameAs(plan);
  }

  /** Against the engine: each rewritten OR evaluates as the original over ints with nulls (three-valued logic). */
  @Test
  void keepsTheValueUnderThreeValuedLogic() {
    List<Expression> expressions = List.of(
        or(and(eq(k, j), eq(x, lit(1))), and(eq(k, j), eq(x, lit(2)))),
        or(eq(k, j), and(eq(k, j), gt(x, lit(1)))),
        or(or(and(gt(k, lit(1)), and(eq(k, j), eq(x, j))), and(eq(k, j), gt(k, lit(1)))), and(gt(k, lit(1)), eq(x, k))));
    Schema schema = new Schema(List.of(
        new Field("k", ColumnType.INT, true), new Field("j", ColumnType.INT, true), new Field("x", ColumnType.INT, true)));
    List<List<Object>> rows = new ArrayList<>();
    for (Integer kValue : Arrays.asList(1, 2, null)) {
      for (Integer jValue : Arrays.asList(1, 2, null)) {
        for (Integer xValue : Arrays.asList(1, 2, null)) {
          rows.add(Arrays.asList(kValue, jValue, xValue));
        }
      }
    }
    Batch batch = Batch.fromRows(schema, rows);
    for (Expression expression : expressions) {
      Expression rewritten = ExtractCommonConjuncts.extract(expression);
      assertThat(rewritten).as(expression.toString()).isNotEqualTo(expression);
      assertThat(SimplifyBooleansTest.evaluate(rewritten, List.of(k, j, x), batch)).as(expression + " -> " + rewritten)
          .isEqualTo(SimplifyBooleansTest.evaluate(expression, List.of(k, j, x), batch));
    }
  }
}
