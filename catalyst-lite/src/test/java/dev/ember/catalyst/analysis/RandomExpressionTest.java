package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.relation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.types.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random expression trees over every function name, arity and argument type: the analyzer must
 * either fail with an {@link AnalysisFailure} or produce a well-typed expression that a
 * projection, a filter, an aggregate and the planner all accept. Any other exception is a bug.
 */
class RandomExpressionTest {
  private static final List<String> FUNCTIONS = List.of("+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=",
      "and", "or", "not", "isnull", "isnotnull", "in", "between", "like", "startswith", "endswith", "contains",
      "coalesce", "upper", "lower", "length", "abs", "concat", "substring", "round", "year", "month", "dayofmonth",
      "to_date", "date_add", "count", "count_star", "count_distinct", "sum", "avg", "min", "max", "first");
  private static final List<String> COLUMNS = List.of("i", "l", "d", "s", "b", "day", "ts", "missing");
  private static final List<ColumnType> TYPES = List.of(ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE,
      ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP);

  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation table = relation(2, "i INT, l LONG, d DOUBLE, s STRING, b BOOLEAN, day DATE, ts TIMESTAMP");
  private final PhysicalPlanner planner = new PhysicalPlanner(new PlannerSettings(3));
  private final Random random = new Random(20240601);

  @Test
  void everyExpressionResolvesOrFailsWithAnAnalysisFailure() {
    int resolved = 0;
    for (int round = 0; round < 4000; round++) {
      UnresolvedExpression expression = expression(3);
      try {
        LogicalPlan plan = analyzer.project(table, List.of(expression));
        planner.plan(plan);
        resolved++;
        if (plan.output().get(0).type().kind() == dev.ember.core.types.TypeKind.BOOLEAN && !containsAggregate(expression)) {
          planner.plan(analyzer.filter(table, expression));
        }
        if (!containsAggregate(expression)) {
          Expression typed = analyzer.resolve(expression, table);
          assertThat(typed.type()).isEqualTo(plan.output().get(0).type());
          assertThat(Expressions.references(typed)).allMatch(reference -> table.output().contains(reference));
          planner.plan(analyzer.aggregate(table, List.of(expression), List.of(new FunctionCall("count_star", List.of()))));
        }
      } catch (AnalysisFailure expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (RuntimeException bug) {
        fail("not an analysis failure for " + expression, bug);
      }
    }
    // The generator must reach the interesting part: well-typed trees.
    assertThat(resolved).isGreaterThan(400);
  }

  private static boolean containsAggregate(UnresolvedExpression expression) {
    return AggregateCalls.contains(expression);
  }

  private UnresolvedExpression expression(int depth) {
    int choice = random.nextInt(depth <= 0 ? 2 : 10);
    return switch (choice) {
      case 0 -> new ColumnName(COLUMNS.get(random.nextInt(COLUMNS.size())));
      case 1 -> new LiteralValue(literal());
      case 2 -> new CastTo(expression(depth - 1), TYPES.get(random.nextInt(TYPES.size())));
      case 3 -> new CaseWhenCall(List.of(expression(depth - 1)), List.of(expression(depth - 1)),
          random.nextBoolean() ? null : expression(depth - 1));
      case 4 -> new Named(expression(depth - 1), "n");
      default -> {
        String name = FUNCTIONS.get(random.nextInt(FUNCTIONS.size()));
        int arity = random.nextInt(10) == 0 ? random.nextInt(4) : naturalArity(name);
        List<UnresolvedExpression> arguments = new ArrayList<>();
        for (int i = 0; i < arity; i++) {
          boolean constant = (name.equals("substring") || name.equals("round") || name.equals("like")
              || name.equals("to_date")) && i > 0;
          arguments.add(constant && random.nextInt(4) > 0 ? new LiteralValue(literal()) : expression(depth - 1));
        }
        yield new FunctionCall(name, arguments);
      }
    };
  }

  private static int naturalArity(String name) {
    return switch (name) {
      case "not", "isnull", "isnotnull", "upper", "lower", "length", "abs", "year", "month", "dayofmonth", "sum",
          "avg", "min", "max", "first", "count", "count_distinct", "round", "to_date" -> 1;
      case "count_star" -> 0;
      case "between", "substring" -> 3;
      case "in", "coalesce", "concat" -> 3;
      default -> 2;
    };
  }

  private Object literal() {
    return switch (random.nextInt(9)) {
      case 0 -> null;
      case 1 -> random.nextInt(5) - 2;
      case 2 -> random.nextLong();
      case 3 -> random.nextDouble();
      case 4 -> "x" + random.nextInt(3);
      case 5 -> random.nextBoolean();
      case 6 -> LocalDate.ofEpochDay(random.nextInt(20000));
      case 7 -> Instant.ofEpochSecond(random.nextInt(1_000_000_000));
      default -> (float) random.nextInt(100) / 4;
    };
  }
}
