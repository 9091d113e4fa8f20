package dev.ember.catalyst.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinderTest {
  private final AttributeReference a = new AttributeReference("a", ColumnType.INT, false, 101, "");
  private final AttributeReference b = new AttributeReference("b", ColumnType.LONG, true, 102, "t");

  @Test
  void attributesBindToTheOrdinalOfTheSameIdWhateverTheirNameOrQualifier() {
    AttributeReference renamed = new AttributeReference("B", ColumnType.LONG, true, 102, "");
    assertThat(Binder.bind(new Arithmetic(ArithmeticOperator.ADD, renamed, Literal.of(1L)), List.of(a, b)))
        .isEqualTo(new Arithmetic(ArithmeticOperator.ADD, new BoundReference(1, ColumnType.LONG, true), Literal.of(1L)));
    assertThat(Binder.bind(new Alias(a, "x", 7), List.of(b, a))).isEqualTo(new BoundReference(1, ColumnType.INT, false));
  }

  @Test
  void aMissingIdIsABug() {
    AttributeReference stranger = new AttributeReference("a", ColumnType.INT, false, 999, "");
    assertThatThrownBy(() -> Binder.bind(stranger, List.of(a, b)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("attribute a#999 is not in the input [a#101, b#102]");
    AttributeReference wrongType = new AttributeReference("a", ColumnType.LONG, false, 101, "");
    assertThatThrownBy(() -> Binder.bind(wrongType, List.of(a))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has type bigint but the input column a#101 has type int");
  }

  @Test
  void thePlannerBindsEveryOperatorToItsChildsOutput() {
    LocalRelation relation = new LocalRelation(List.of(a, b), List.of());
    Filter filter = new Filter(new Comparison(ComparisonOperator.GREATER_THAN, b, Literal.of(3L)), relation);
    Project project = new Project(List.of(b, new Alias(new Arithmetic(ArithmeticOperator.MULTIPLY, a, a), "square", 103)), filter);
    PhysicalPlanner planner = new PhysicalPlanner(new PlannerSettings(2));
    Schema input = new Schema(List.of(new Field("a", ColumnType.INT, false), new Field("b", ColumnType.LONG, true)));
    BoundReference boundA = new BoundReference(0, ColumnType.INT, false);
    assertThat(planner.plan(project)).usingRecursiveComparison().ignoringFieldsOfTypes(dev.ember.core.vector.Batch.class)
        .isEqualTo(new ProjectExec(
        new FilterExec(new InMemoryScanExec(input, List.of(dev.ember.core.vector.Batch.empty(input))),
            new Comparison(ComparisonOperator.GREATER_THAN, new BoundReference(1, ColumnType.LONG, true), Literal.of(3L))),
        List.of(new BoundReference(1, ColumnType.LONG, true), new Arithmetic(ArithmeticOperator.MULTIPLY, boundA, boundA)),
        new Schema(List.of(new Field("b", ColumnType.LONG, true), new Field("square", ColumnType.INT, false)))));

    Project broken = new Project(List.of(new AttributeReference("c", ColumnType.INT, false, 555, "")), relation);
    assertThatThrownBy(() -> planner.plan(broken)).isInstanceOf(IllegalStateException.class).hasMessageContaining("c#555");
  }
}
