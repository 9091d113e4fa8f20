package dev.ember.core.plan;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.testing.WrittenOutEquality;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The records whose equals and hashCode are written out (not generated) compare every component:
 * per record, an instance, an equal copy, and one variant per component that differs in that
 * component alone. A component added to such a record without a variant here fails the count check,
 * so the written-out methods cannot silently miss it.
 */
class WrittenOutEqualityTest {
  private static final Schema SCHEMA = Schema.of(new Field("price", ColumnType.DOUBLE, true));
  private static final Schema OTHER_SCHEMA = Schema.of(new Field("price", ColumnType.DOUBLE, false));
  private static final BoundReference PRICE = new BoundReference(0, ColumnType.DOUBLE, true);
  private static final PhysicalPlan SCAN = new InMemoryScanExec(SCHEMA, List.of(Batch.empty(SCHEMA)));
  private static final PhysicalPlan OTHER_SCAN = new InMemoryScanExec(SCHEMA, List.of(Batch.empty(SCHEMA)));
  private static final Comparison CONDITION = new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(25.0));
  private static final AggregateFunction COUNT = AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of());
  private static final AggregateFunction SUM = AggregateFunction.of(AggregateKind.SUM, List.of(PRICE));
  private static final Schema AGGREGATE_SCHEMA = Schema.of(new Field("price", ColumnType.DOUBLE, true),
      new Field("count", ColumnType.LONG, false));

  static Stream<Arguments> records() {
    List<Expression> groupings = List.of(PRICE);
    return Stream.of(
        Arguments.of(
            (Object) new FilterExec(SCAN, CONDITION),
            new FilterExec(SCAN, new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(25.0))),
            List.of(new FilterExec(OTHER_SCAN, CONDITION),
                new FilterExec(SCAN, new Comparison(ComparisonOperator.LESS_THAN, PRICE, Literal.of(25.0))))),
        Arguments.of(
            new ProjectExec(SCAN, List.of(PRICE), SCHEMA),
            new ProjectExec(SCAN, List.of(new BoundReference(0, ColumnType.DOUBLE, true)), SCHEMA),
            List.of(new ProjectExec(OTHER_SCAN, List.of(PRICE), SCHEMA),
                new ProjectExec(SCAN, List.of(Literal.of(1.0)), SCHEMA),
                new ProjectExec(SCAN, List.of(PRICE), OTHER_SCHEMA))),
        Arguments.of(
            new HashAggregateExec(SCAN, AggregateMode.COMPLETE, groupings, List.of(COUNT), AGGREGATE_SCHEMA),
            new HashAggregateExec(SCAN, AggregateMode.COMPLETE, List.of(PRICE),
                List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of())), AGGREGATE_SCHEMA),
            List.of(new HashAggregateExec(OTHER_SCAN, AggregateMode.COMPLETE, groupings, List.of(COUNT), AGGREGATE_SCHEMA),
                new HashAggregateExec(SCAN, AggregateMode.PARTIAL, groupings, List.of(COUNT), AGGREGATE_SCHEMA),
                new HashAggregateExec(SCAN, AggregateMode.COMPLETE, List.of(), List.of(COUNT), AGGREGATE_SCHEMA),
                new HashAggregateExec(SCAN, AggregateMode.COMPLETE, groupings, List.of(SUM), AGGREGATE_SCHEMA),
                new HashAggregateExec(SCAN, AggregateMode.COMPLETE, groupings, List.of(COUNT), SCHEMA))),
        Arguments.of(
            SCAN,
            new InMemoryScanExec(SCHEMA, ((InMemoryScanExec) SCAN).partitions()),
            List.of(new InMemoryScanExec(OTHER_SCHEMA, ((InMemoryScanExec) SCAN).partitions()),
                // Batches compare by identity: equal-looking batches of another scan are other data.
                OTHER_SCAN)),
        Arguments.of(
            CONDITION,
            new Comparison(ComparisonOperator.GREATER_THAN, new BoundReference(0, ColumnType.DOUBLE, true), Literal.of(25.0)),
            List.of(new Comparison(ComparisonOperator.EQUAL, PRICE, Literal.of(25.0)),
                new Comparison(ComparisonOperator.GREATER_THAN, Literal.of(1.0), Literal.of(25.0)),
                new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(26.0)))),
        Arguments.of(
            SUM,
            AggregateFunction.of(AggregateKind.SUM, List.of(new BoundReference(0, ColumnType.DOUBLE, true))),
            List.of(new AggregateFunction(AggregateKind.MAX, List.of(PRICE), ColumnType.DOUBLE),
                new AggregateFunction(AggregateKind.SUM, List.of(Literal.of(1.0)), ColumnType.DOUBLE),
                new AggregateFunction(AggregateKind.SUM, List.of(PRICE), ColumnType.decimal(38, 2)))));
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyComponentTakesPartInEqualsAndAnEqualCopyHashesAlike(Object record, Object equalCopy, List<Object> variants) {
    WrittenOutEquality.assertEveryComponentCompared(record, equalCopy, variants);
  }
}
