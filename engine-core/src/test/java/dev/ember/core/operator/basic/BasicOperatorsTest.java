package dev.ember.core.operator.basic;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.schema;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.Operator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@ExtendWith(EngineHygiene.class)
class BasicOperatorsTest {
  private static final Schema SCHEMA = schema(ColumnType.BOOLEAN, ColumnType.LONG, ColumnType.STRING);

  private static List<List<Object>> randomRows(Random random, int count) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(Arrays.asList(randomValue(ColumnType.BOOLEAN, random, 2, 0.2), (long) i,
          randomValue(ColumnType.STRING, random, 10, 0.2)));
    }
    return rows;
  }

  @Test
  void filterKeepsRowsWhoseConditionIsTrueNotNull() {
    Random random = new Random(3);
    for (int round = 0; round < 20; round++) {
      List<List<Object>> input = randomRows(random, random.nextInt(300));
      List<List<Object>> expected = input.stream().filter(row -> Boolean.TRUE.equals(row.get(0))).toList();
      BatchSource source = new BatchSource(toBatches(SCHEMA, input, random, 50));

      List<Batch> output = drain(new FilterOperator(source, new BoundReference(0, ColumnType.BOOLEAN, true)));

      assertThat(rows(output)).isEqualTo(expected);
      assertThat(output).allSatisfy(batch -> assertThat(batch.rowCount()).isPositive());
      assertThat(source.closeCount()).isEqualTo(1);
    }
  }

  @Test
  void filterWithConstantConditions() {
    List<List<Object>> input = randomRows(new Random(4), 100);
    List<Batch> batches = toBatches(SCHEMA, input, new Random(5), 30);

    assertThat(rows(drain(new FilterOperator(new BatchSource(batches), Literal.of(true))))).isEqualTo(input);
    assertThat(drain(new FilterOperator(new BatchSource(batches), Literal.of(false)))).isEmpty();
    assertThat(drain(new FilterOperator(new BatchSource(batches), Literal.nullOf(ColumnType.BOOLEAN)))).isEmpty();
  }

  @Test
  void projectReordersDuplicatesAndAddsConstants() {
    List<List<Object>> input = randomRows(new Random(6), 200);
    List<Expression> expressions = List.of(
        new BoundReference(2, ColumnType.STRING, true), new BoundReference(1, ColumnType.LONG, false),
        new BoundReference(2, ColumnType.STRING, true), Literal.of(7));
    List<List<Object>> expected = input.stream()
        .map(row -> Arrays.asList(row.get(2), row.get(1), row.get(2), (Object) 7)).toList();

    List<Batch> output = drain(new ProjectOperator(new BatchSource(toBatches(SCHEMA, input, new Random(7), 64)), expressions));

    assertThat(rows(output)).isEqualTo(expected);
  }

  @Test
  void projectOfNoColumnsKeepsTheRowCount() {
    List<Batch> output = drain(new ProjectOperator(
        new BatchSource(List.of(Batch.fromRows(SCHEMA, randomRows(new Random(8), 5)))), List.of()));

    assertThat(output).singleElement().satisfies(batch -> {
      assertThat(batch.rowCount()).isEqualTo(5);
      assertThat(batch.columnCount()).isZero();
    });
  }

  @Test
  void limitTakesTheFirstRowsAndStopsPulling() {
    Random random = new Random(9);
    List<List<Object>> input = randomRows(random, 250);
    List<Batch> batches = toBatches(SCHEMA, input, random, 40);
    for (int limit : new int[] {0, 1, 39, 40, 41, 249, 250, 251, 10_000}) {
      BatchSource source = new BatchSource(batches);

      List<List<Object>> output = rows(drain(new LimitOperator(source, limit)));

      assertThat(output).isEqualTo(input.subList(0, Math.min(limit, input.size())));
      assertThat(source.closeCount()).isEqualTo(1);
      if (limit == 0) {
        assertThat(source.exhausted() && !batches.isEmpty()).isFalse();
      }
    }
  }

  @Test
  void limitDoesNotPullPastTheLimit() {
    Batch first = Batch.fromRows(SCHEMA, randomRows(new Random(10), 10));
    Operator failing = new Operator() {
      private int calls;

      @Override
      public Batch next() {
        if (calls++ > 0) {
          throw new AssertionError("pulled past the limit");
        }
        return first;
      }

      @Override
      public void close() {}
    };

    assertThat(rows(drain(new LimitOperator(failing, 10)))).hasSize(10);
  }

  @Test
  void closeIsIdempotentAndClosesTheChildOnce() {
    List<java.util.function.Function<Operator, Operator>> wrappers = List.of(
        child -> new FilterOperator(child, Literal.of(true)),
        child -> new ProjectOperator(child, List.of(Literal.of(1))),
        child -> new LimitOperator(child, 5));
    for (java.util.function.Function<Operator, Operator> wrapper : wrappers) {
      BatchSource source = new BatchSource(List.of(Batch.fromRows(SCHEMA, randomRows(new Random(13), 3))));
      Operator operator = wrapper.apply(source);

      operator.close();
      operator.close();

      assertThat(source.closeCount()).isEqualTo(1);
      assertThat(operator.next()).isNull();
    }
  }

  @Test
  void concatenateOpensInputsOneAtATimeInOrder() {
    List<BatchSource> opened = new ArrayList<>();
    List<Supplier<Operator>> inputs = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 4; i++) {
      List<List<Object>> rows = randomRows(random, i == 1 ? 0 : 20);
      expected.addAll(rows);
      List<Batch> batches = toBatches(SCHEMA, rows, random, 7);
      inputs.add(() -> {
        assertThat(opened).allSatisfy(source -> assertThat(source.closeCount()).isEqualTo(1));
        BatchSource source = new BatchSource(batches);
        opened.add(source);
        return source;
      });
    }

    assertThat(rows(drain(new ConcatenateOperator(inputs)))).isEqualTo(expected);
    assertThat(opened).hasSize(4).allSatisfy(source -> assertThat(source.closeCount()).isEqualTo(1));
  }

  @Test
  void concatenateClosedEarlyClosesTheOpenInputOnly() {
    BatchSource first = new BatchSource(List.of(Batch.fromRows(SCHEMA, randomRows(new Random(12), 3))));
    List<Integer> created = new ArrayList<>();
    ConcatenateOperator concatenate = new ConcatenateOperator(List.of(() -> first, () -> {
      created.add(1);
      return new BatchSource(List.of());
    }));

    assertThat(concatenate.next()).isNotNull();
    concatenate.close();
    concatenate.close();

    assertThat(first.closeCount()).isEqualTo(1);
    assertThat(created).isEmpty();
    assertThat(concatenate.next()).isNull();
  }
}
