package dev.ember.catalyst.optimizer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.Optimizer;
import dev.ember.catalyst.optimizer.OptimizerSettings;
import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.optimizer.RuleBatch;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The expression rules against the engine: random expression trees over nullable and non-nullable
 * INT and BOOLEAN columns, with literals and null literals, give the same column before and after
 * the "Simplify expressions" rules, and a column the optimized plan declares non-nullable has no
 * null.
 */
class ExpressionRulesRandomTest {
  private static final int TREES = 600;

  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT NOT NULL, p BOOLEAN, q BOOLEAN NOT NULL");
  private final List<AttributeReference> inputs = List.of(t.attribute("a"), t.attribute("b"), t.attribute("p"), t.attribute("q"));
  private final Random random = new Random(20261124);

  @Test
  void simplifiedExpressionsGiveTheSameValues() {
    Batch batch = randomBatch();
    RuleBatch rules = new RuleBatch("Simplify expressions", 50,
        List.of(new FoldConstants(), new PropagateNulls(), new SimplifyBooleans(), new ExtractCommonConjuncts(),
            new SimplifyCasts()));
    Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), List.of(rules));
    int changed = 0;
    for (int tree = 0; tree < TREES; tree++) {
      Expression expression = random.nextBoolean() ? booleanExpression(4) : intExpression(4);
      LogicalPlan plan = t.select(new Alias(expression, "x", 1L << 40)).build();
      LogicalPlan optimized = optimizer.optimize(plan).plan();
      Expression simplified = ((Alias) ((Project) optimized).projectList().get(0)).child();
      changed += simplified.equals(expression) ? 0 : 1;

      List<Object> expected = SimplifyBooleansTest.evaluate(expression, inputs, batch);
      List<Object> actual = SimplifyBooleansTest.evaluate(simplified, inputs, batch);

      assertThat(actual).as(expression + "  ==>  " + simplified).isEqualTo(expected);
      if (!optimized.output().get(0).nullable()) {
        assertThat(actual).as("declared not null: " + simplified).doesNotContainNull();
      }
    }
    // The generator must exercise the rules, not only trees they leave alone.
    assertThat(changed).isGreaterThan(TREES / 3);
  }

  private Batch randomBatch() {
    Schema schema = new Schema(List.of(new Field("a", ColumnType.INT, true), new Field("b", ColumnType.INT, false),
        new Field("p", ColumnType.BOOLEAN, true), new Field("q", ColumnType.BOOLEAN, false)));
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < 64; row++) {
      Integer a = random.nextInt(4) == 0 ? null : random.nextInt(7) - 3;
      Boolean p = random.nextInt(3) == 0 ? null : random.nextBoolean();
      rows.add(Arrays.asList(a, random.nextInt(7) - 3, p, random.nextBoolean()));
    }
    return Batch.fromRows(schema, rows);
  }

  private Expression intExpression(int depth) {
    int choice = random.nextInt(depth <= 0 ? 4 : 10);
    return switch (choice) {
      case 0 -> inputs.get(0);
      case 1 -> inputs.get(1);
      case 2 -> Literal.of(random.nextInt(7) - 3);
      case 3 -> Literal.nullOf(ColumnType.INT);
      case 4, 5 -> new Arithmetic(
          ArithmeticOperator.values()[random.nextInt(3)], intExpression(depth - 1), intExpression(depth - 1));
      case 6 -> new Coalesce(List.of(intExpression(depth - 1), intExpression(depth - 1), intExpression(depth - 1)));
      case 7 -> new Cast(new Cast(intExpression(depth - 1), random.nextBoolean() ? ColumnType.LONG : ColumnType.DOUBLE),
          ColumnType.INT);
      case 8 -> new Cast(intExpression(depth - 1), ColumnType.INT);
      default -> new CaseWhen(List.of(booleanExpression(depth - 1)), List.of(intExpression(depth - 1)), intExpression(depth - 1));
    };
  }

  private Expression booleanExpression(int depth) {
    int choice = random.nextInt(depth <= 0 ? 5 : 13);
    return switch (choice) {
      case 0 -> inputs.get(2);
      case 1 -> inputs.get(3);
      case 2 -> Literal.of(random.nextBoolean());
      case 3 -> Literal.nullOf(ColumnType.BOOLEAN);
      case 4 -> Literal.of(true);
      case 5, 6 -> new And(booleanExpression(depth - 1), booleanExpression(depth - 1));
      case 7 -> new Or(booleanExpression(depth - 1), booleanExpression(depth - 1));
      case 8 -> new Not(booleanExpression(depth - 1));
      case 9 -> new Comparison(ComparisonOperator.values()[random.nextInt(6)], intExpression(depth - 1), intExpression(depth - 1));
      case 10 -> random.nextBoolean() ? new IsNull(intExpression(depth - 1)) : new IsNotNull(booleanExpression(depth - 1));
      case 11 -> {
        Expression same = booleanExpression(depth - 1);
        yield random.nextBoolean() ? new And(same, new Not(same)) : new Or(same, same);
      }
      default -> new In(intExpression(depth - 1), List.of(intExpression(0), Literal.of(1), intExpression(0)));
    };
  }
}
