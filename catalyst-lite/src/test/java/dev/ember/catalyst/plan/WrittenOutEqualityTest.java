package dev.ember.catalyst.plan;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.testing.WrittenOutEquality;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.DoubleVector;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The logical plan records whose equals and hashCode are written out compare every component: per
 * record, an instance, an equal copy, and one variant per component that differs in that component
 * alone. A component added without a variant here fails the count check.
 */
class WrittenOutEqualityTest {
  private static final AttributeReference PRICE = new AttributeReference("price", ColumnType.DOUBLE, true, 2, "");
  private static final AttributeReference CATEGORY = new AttributeReference("category", ColumnType.STRING, true, 1, "");
  private static final LogicalPlan TABLE = new LocalRelation(List.of(CATEGORY, PRICE), List.of());
  private static final LogicalPlan OTHER_TABLE = new LocalRelation(List.of(PRICE), List.of());
  private static final Expression CONDITION = new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(25.0));
  /** Batches compare by identity: two with the same rows are still different data. */
  private static final Batch BATCH = Batch.of(new DoubleVector(ColumnType.DOUBLE, new double[] {1.5}, null, 1));
  private static final Batch OTHER_BATCH = Batch.of(new DoubleVector(ColumnType.DOUBLE, new double[] {1.5}, null, 1));
  private static final NamedAggregate COUNT =
      new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 13);

  static Stream<Arguments> records() {
    return Stream.of(
        Arguments.of(
            (Object) new Filter(CONDITION, TABLE),
            new Filter(new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(25.0)), TABLE),
            List.of(new Filter(new Comparison(ComparisonOperator.LESS_THAN, PRICE, Literal.of(25.0)), TABLE),
                new Filter(CONDITION, OTHER_TABLE))),
        Arguments.of(
            new Project(List.of(PRICE), TABLE),
            new Project(List.of(new AttributeReference("price", ColumnType.DOUBLE, true, 2, "")), TABLE),
            List.of(new Project(List.of(CATEGORY), TABLE), new Project(List.of(PRICE), OTHER_TABLE))),
        Arguments.of(
            new Aggregate(List.of(CATEGORY), List.of(COUNT), TABLE),
            new Aggregate(List.of(CATEGORY),
                List.of(new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 13)), TABLE),
            List.of(new Aggregate(List.of(), List.of(COUNT), TABLE),
                new Aggregate(List.of(CATEGORY),
                    List.of(new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 14)), TABLE),
                new Aggregate(List.of(CATEGORY), List.of(COUNT),
                    new LocalRelation(List.of(CATEGORY, PRICE.withNullable(false)), List.of())))),
        Arguments.of(
            COUNT,
            new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 13),
            List.of(new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT, List.of(PRICE)), "count", 13),
                new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "rows", 13),
                new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 14))),
        Arguments.of(
            new LocalRelation(List.of(CATEGORY, PRICE), List.of(BATCH)),
            new LocalRelation(List.of(new AttributeReference("category", ColumnType.STRING, true, 1, ""), PRICE), List.of(BATCH)),
            List.of(new LocalRelation(List.of(PRICE), List.of(BATCH)),
                new LocalRelation(List.of(CATEGORY, PRICE), List.of(OTHER_BATCH)))));
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyComponentTakesPartInEqualsAndAnEqualCopyHashesAlike(Object record, Object equalCopy, List<Object> variants) {
    WrittenOutEquality.assertEveryComponentCompared(record, equalCopy, variants);
  }
}
