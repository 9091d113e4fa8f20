package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.TestPlans;
import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.ember.catalyst.rewrite.OptimizerRule;

/**
 * A small DSL for optimizer tests: analyzed logical plans over local relations with named
 * attributes ({@code relation("a INT, b INT NOT NULL")}), typed expressions, and the plan as text
 * without attribute ids ({@link #text}), so that expected plans read as they print.
 */
public final class PlanBuilder {
  /** Rows in every test relation: more than any limit the tests push, so a limit is never redundant. */
  public static final int RELATION_ROWS = 1000;

  private final LogicalPlan plan;

  private PlanBuilder(LogicalPlan plan) {
    this.plan = plan;
  }

  public static PlanBuilder of(LogicalPlan plan) {
    return new PlanBuilder(plan);
  }

  /** A one-partition relation of {@link #RELATION_ROWS} rows; a column is nullable unless marked {@code NOT NULL}. */
  public static PlanBuilder relation(String columns) {
    List<AttributeReference> output = new ArrayList<>();
    for (String column : columns.split(",")) {
      String[] parts = column.trim().split("\\s+");
      boolean nullable = !(parts.length == 4 && parts[2].equalsIgnoreCase("NOT") && parts[3].equalsIgnoreCase("NULL"));
      output.add(new AttributeReference(parts[0], TestPlans.type(parts[1]), nullable, ExpressionIds.next(), ""));
    }
    Schema schema = new Schema(output.stream().map(a -> new Field(a.name(), a.type(), a.nullable())).toList());
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < RELATION_ROWS; i++) {
      List<Object> row = new ArrayList<>();
      for (AttributeReference attribute : output) {
        row.add(value(attribute.type(), i));
      }
      rows.add(row);
    }
    return new PlanBuilder(new LocalRelation(output, List.of(Batch.fromRows(schema, rows))));
  }

  private static Object value(ColumnType type, int i) {
    return switch (type.kind()) {
      case BOOLEAN -> i % 2 == 0;
      case INT, DATE -> i;
      case LONG, TIMESTAMP -> (long) i;
      case DOUBLE -> i / 2.0;
      case STRING -> "v" + i;
      case DECIMAL -> throw new IllegalArgumentException("no DECIMAL test relations");
    };
  }

  /** The output attribute of that name. */
  public AttributeReference attribute(String name) {
    return plan.output().stream().filter(a -> a.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no column " + name + " in " + plan.output()));
  }

  public PlanBuilder where(Expression condition) {
    return new PlanBuilder(new Filter(condition, plan));
  }

  public PlanBuilder select(Expression... named) {
    return new PlanBuilder(new Project(Arrays.asList(named), plan));
  }

  public PlanBuilder limit(int count) {
    return new PlanBuilder(new Limit(count, plan));
  }

  public PlanBuilder orderBy(Expression... keys) {
    return new PlanBuilder(new Sort(Arrays.stream(keys).map(SortOrder::ascending).toList(), plan));
  }

  public PlanBuilder join(PlanBuilder right, JoinType type, Expression condition) {
    return new PlanBuilder(new Join(plan, right.plan, type, condition, false, false));
  }

  public PlanBuilder union(PlanBuilder... others) {
    List<LogicalPlan> children = new ArrayList<>();
    children.add(plan);
    for (PlanBuilder other : others) {
      children.add(other.plan);
    }
    return new PlanBuilder(new Union(children));
  }

  public LogicalPlan build() {
    return plan;
  }

  /** The plan after the driver ran only these rules, to a fixed point (so the output check applies too). */
  public static LogicalPlan optimizeWith(LogicalPlan plan, OptimizerRule... rules) {
    RuleBatch batch = new RuleBatch("test", 20, List.of(rules));
    return new Optimizer(OptimizerSettings.defaults(), List.of(batch)).optimize(plan).plan();
  }

  /** The text of the plan after only these rules ran. */
  public static String optimizedText(LogicalPlan plan, OptimizerRule... rules) {
    return text(optimizeWith(plan, rules));
  }

  /** The logical plan as {@link PlanPrinter#logical} prints it, without the {@code #id} suffixes. */
  public static String text(LogicalPlan plan) {
    return PlanPrinter.logical(plan).replaceAll("#\\d+", "");
  }

  // ---- expressions ----

  public static Literal lit(Object value) {
    return switch (value) {
      case Integer number -> Literal.of(number);
      case Long number -> Literal.of(number);
      case Double number -> Literal.of(number);
      case Boolean bool -> Literal.of(bool);
      case String text -> Literal.of(text);
      case java.math.BigDecimal decimal -> Literal.of(decimal);
      default -> throw new IllegalArgumentException("no literal for " + value);
    };
  }

  public static Literal nullOf(ColumnType type) {
    return Literal.nullOf(type);
  }

  public static Alias as(Expression child, String name) {
    return new Alias(child, name, ExpressionIds.next());
  }

  public static Expression plus(Expression left, Expression right) {
    return new Arithmetic(ArithmeticOperator.ADD, left, right);
  }

  public static Expression times(Expression left, Expression right) {
    return new Arithmetic(ArithmeticOperator.MULTIPLY, left, right);
  }

  public static Expression gt(Expression left, Expression right) {
    return new Comparison(ComparisonOperator.GREATER_THAN, left, right);
  }

  public static Expression lt(Expression left, Expression right) {
    return new Comparison(ComparisonOperator.LESS_THAN, left, right);
  }

  public static Expression eq(Expression left, Expression right) {
    return new Comparison(ComparisonOperator.EQUAL, left, right);
  }

  public static Expression and(Expression left, Expression right) {
    return new And(left, right);
  }

  public static Expression or(Expression left, Expression right) {
    return new Or(left, right);
  }

  public static Expression not(Expression child) {
    return new Not(child);
  }

  public static Expression isNull(Expression child) {
    return new IsNull(child);
  }

  public static Expression isNotNull(Expression child) {
    return new IsNotNull(child);
  }

  public static Expression cast(Expression child, ColumnType type) {
    return new Cast(child, type);
  }

  public static Expression coalesce(Expression... children) {
    return new Coalesce(Arrays.asList(children));
  }
}
