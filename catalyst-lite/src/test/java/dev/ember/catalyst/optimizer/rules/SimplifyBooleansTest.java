package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.isNull;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.lt;
import static dev.ember.catalyst.optimizer.PlanBuilder.not;
import static dev.ember.catalyst.optimizer.PlanBuilder.nullOf;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.or;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class SimplifyBooleansTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT NOT NULL, p BOOLEAN, q BOOLEAN, r BOOLEAN NOT NULL");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");
  private final AttributeReference p = t.attribute("p");
  private final AttributeReference q = t.attribute("q");
  private final AttributeReference r = t.attribute("r");

  @Test
  void removesConstantsDoubleNegationsAndNegatedComparisons() {
    LogicalPlan plan = t.where(and(lit(true), not(lt(a, b))))
        .where(or(and(p, lit(false)), not(not(q))))
        .where(or(lit(true), p)).build();

    assertThat(optimizedText(plan, new SimplifyBooleans())).isEqualTo("""
        Filter condition=true
          Filter condition=q
            Filter condition=(a >= b)
              LocalRelation output=[a, b, p, q, r], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireOnPlainConditions() {
    LogicalPlan plan = t.where(and(p, or(q, gt(a, b)))).select(as(not(p), "np")).build();

    assertThat(PlanBuilder.optimizeWith(plan, new SimplifyBooleans())).isSameAs(plan);
  }

  @Test
  void aNullableOperandKeepsXAndNotX() {
    // p AND NOT p is null, not false, when p is null: only the non-nullable r simplifies.
    LogicalPlan plan = t.select(as(and(p, not(p)), "pp"), as(and(r, not(r)), "rr"), as(or(not(r), r), "either")).build();

    assertThat(optimizedText(plan, new SimplifyBooleans())).isEqualTo("""
        Project expressions=[(p AND NOT p) AS pp, false AS rr, true AS either]
          LocalRelation output=[a, b, p, q, r], partitions=1, rows=1000
        """);
  }

  /**
   * Every identity against the engine: each expression over p, q (true, false, null) and a, b
   * (ints and null) evaluates to the same column before and after simplification.
   */
  @Test
  void everyIdentityHoldsUnderThreeValuedLogic() {
    AttributeReference pNullable = p;
    List<Expression> expressions = List.of(
        and(lit(true), p), and(p, lit(true)), and(lit(false), p), and(p, lit(false)),
        or(lit(true), p), or(p, lit(true)), or(lit(false), p), or(p, lit(false)),
        and(p, p), or(q, q), not(not(p)), not(lt(a, b)), not(gt(a, b)), not(isNull(a)), not(PlanBuilder.isNotNull(a)),
        and(nullOf(ColumnType.BOOLEAN), lit(false)), or(nullOf(ColumnType.BOOLEAN), lit(true)),
        and(lit(true), nullOf(ColumnType.BOOLEAN)), and(p, not(pNullable)), or(p, not(p)),
        not(PlanBuilder.eq(a, b)), and(or(p, lit(false)), not(not(q))));
    Schema schema = new Schema(List.of(
        new Field("p", ColumnType.BOOLEAN, true), new Field("q", ColumnType.BOOLEAN, true),
        new Field("a", ColumnType.INT, true), new Field("b", ColumnType.INT, true)));
    List<List<Object>> rows = new ArrayList<>();
    for (Boolean pValue : Arrays.asList(true, false, null)) {
      for (Boolean qValue : Arrays.asList(true, false, null)) {
        for (Integer aValue : Arrays.asList(1, 2, null)) {
          for (Integer bValue : Arrays.asList(1, 2, null)) {
            rows.add(Arrays.asList(pValue, qValue, aValue, bValue));
          }
        }
      }
    }
    Batch batch = Batch.fromRows(schema, rows);
    List<AttributeReference> inputs = List.of(p, q, a, b);
    for (Expression expression : expressions) {
      Expression simplified = Expressions.transformUp(expression, SimplifyBooleans::simplify);
      assertThat(evaluate(simplified, inputs, batch)).as(expression + " -> " + simplified)
          .isEqualTo(evaluate(expression, inputs, batch));
    }
  }

  static List<Object> evaluate(Expression expression, List<AttributeReference> inputs, Batch batch) {
    UnaryOperator<Expression> bind = node -> {
      if (node instanceof AttributeReference attribute) {
        for (int i = 0; i < inputs.size(); i++) {
          if (inputs.get(i).id() == attribute.id()) {
            return new BoundReference(i, attribute.type(), true);
          }
        }
        throw new IllegalArgumentException("unbound " + attribute);
      }
      return node;
    };
    ColumnVector column = ExpressionCompiler.compile(Expressions.transformUp(expression, bind)).evaluate(batch);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < batch.rowCount(); i++) {
      values.add(column.getObject(i));
    }
    return values;
  }
}
