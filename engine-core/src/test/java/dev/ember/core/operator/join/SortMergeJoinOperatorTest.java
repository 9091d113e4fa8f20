package dev.ember.core.operator.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.operator.MemoryFixture;
import dev.ember.core.operator.OperatorTesting;
import dev.ember.core.operator.join.HashJoinOperatorTest.Algorithm;
import dev.ember.core.operator.join.HashJoinOperatorTest.Condition;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sort-merge join, and the hash join falling back to it when its build side is refused, against
 * the same nested-loop model as the hash join, under budgets that spill every sorted batch.
 */
@ExtendWith(EngineHygiene.class)
class SortMergeJoinOperatorTest {
  @TempDir
  Path directory;

  /** A quarter of the cases (every join type and condition) plus the skewed ones, for the spilling joins. */
  static Stream<Arguments> spillingCases() {
    return HashJoinOperatorTest.cases()
        .filter(arguments -> (Long) arguments.get()[0] % 4 == 0 || (Boolean) arguments.get()[9]);
  }

  @ParameterizedTest(name = "seed {0}: {1} on {3}, condition {2}, {4} x {5} rows, skewed {9}")
  @MethodSource("spillingCases")
  void sortMergeJoinMatchesNestedLoopsOverLists(long seed, JoinType joinType, Condition condition, List<Integer> keys,
      int leftCount, int rightCount, int keyDomain, double nullRate, int maxBatch, boolean skewed) {
    HashJoinOperatorTest.check(directory, Algorithm.SORT_MERGE, seed, joinType, condition, keys, leftCount,
        rightCount, keyDomain, nullRate, maxBatch, skewed);
  }

  @ParameterizedTest(name = "seed {0}: {1} on {3}, condition {2}, {4} x {5} rows, skewed {9}")
  @MethodSource("spillingCases")
  void hashJoinFallingBackToSortMergeMatchesNestedLoops(long seed, JoinType joinType, Condition condition,
      List<Integer> keys, int leftCount, int rightCount, int keyDomain, double nullRate, int maxBatch, boolean skewed) {
    HashJoinOperatorTest.check(directory, Algorithm.HASH_FALLING_BACK, seed, joinType, condition, keys, leftCount,
        rightCount, keyDomain, nullRate, maxBatch, skewed);
  }

  private static final BoundReference KEY = new BoundReference(0, ColumnType.INT, true);

  @Test
  void nullKeysNeverMatchAndGroupsSpanningBatchesPairFully() {
    Schema schema = OperatorTesting.schema(ColumnType.INT, ColumnType.INT);
    // Key 5 on the right spans three batches; nulls on both sides never match.
    List<Batch> right = List.of(
        Batch.fromRows(schema, List.of(Arrays.asList(null, 0), Arrays.asList(5, 1))),
        Batch.fromRows(schema, List.of(Arrays.asList(5, 2))),
        Batch.fromRows(schema, List.of(Arrays.asList(5, 3), Arrays.asList(9, 4))));
    List<Batch> left = List.of(
        Batch.fromRows(schema, List.of(Arrays.asList(5, 10), Arrays.asList(null, 11))),
        Batch.fromRows(schema, List.of(Arrays.asList(5, 12), Arrays.asList(7, 13))));
    MemoryFixture fixture = new MemoryFixture(directory, 1L << 20);

    List<List<Object>> output = OperatorTesting.drainRows(new SortMergeJoinOperator(new BatchSource(left),
        new BatchSource(right), JoinType.FULL_OUTER, List.of(KEY), List.of(KEY), (VectorExpression) null, schema,
        schema, fixture.context));

    assertThat(output).containsExactlyInAnyOrder(
        Arrays.asList(5, 10, 5, 1), Arrays.asList(5, 10, 5, 2), Arrays.asList(5, 10, 5, 3),
        Arrays.asList(5, 12, 5, 1), Arrays.asList(5, 12, 5, 2), Arrays.asList(5, 12, 5, 3),
        Arrays.asList(null, 11, null, null), Arrays.asList(7, 13, null, null),
        Arrays.asList(null, null, null, 0), Arrays.asList(null, null, 9, 4));
    fixture.assertClean();
  }

  @Test
  void computedKeysAreSortedOnAndNotEmitted() {
    Schema schema = OperatorTesting.schema(ColumnType.INT, ColumnType.INT);
    List<List<Object>> leftRows = new java.util.ArrayList<>();
    List<List<Object>> rightRows = new java.util.ArrayList<>();
    java.util.Random random = new java.util.Random(11);
    for (int i = 0; i < 2000; i++) {
      leftRows.add(Arrays.asList(random.nextInt(10) == 0 ? null : random.nextInt(300), i));
      rightRows.add(Arrays.asList(random.nextInt(10) == 0 ? null : random.nextInt(300), -i));
    }
    // left.c0 + 1 = right.c0
    Expression leftKey = new Arithmetic(ArithmeticOperator.ADD, new BoundReference(0, ColumnType.INT, true), Literal.of(1));
    MemoryFixture fixture = new MemoryFixture(directory, 1);

    List<List<Object>> output = OperatorTesting.drainRows(new SortMergeJoinOperator(
        new BatchSource(OperatorTesting.toBatches(schema, leftRows, random, 300)),
        new BatchSource(OperatorTesting.toBatches(schema, rightRows, random, 300)), JoinType.LEFT_OUTER,
        List.of(leftKey), List.of(KEY), (VectorExpression) null, schema, schema, fixture.context));

    List<List<Object>> expected = new java.util.ArrayList<>();
    for (List<Object> left : leftRows) {
      boolean matched = false;
      for (List<Object> right : rightRows) {
        if (left.get(0) != null && right.get(0) != null && (Integer) left.get(0) + 1 == (Integer) right.get(0)) {
          List<Object> pair = new java.util.ArrayList<>(left);
          pair.addAll(right);
          expected.add(pair);
          matched = true;
        }
      }
      if (!matched) {
        expected.add(Arrays.asList(left.get(0), left.get(1), null, null));
      }
    }
    assertThat(output).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(fixture.metrics.spillCount()).isPositive();
    fixture.assertClean();
  }

  @Test
  void closeBeforeTheEndClosesBothInputsOnceAndDeletesRuns() {
    Schema schema = OperatorTesting.schema(ColumnType.INT, ColumnType.INT);
    List<List<Object>> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(Arrays.asList(i % 100, i));
    }
    MemoryFixture fixture = new MemoryFixture(directory, 1);
    BatchSource left = new BatchSource(OperatorTesting.toBatches(schema, rows, new java.util.Random(1), 200));
    BatchSource right = new BatchSource(OperatorTesting.toBatches(schema, rows, new java.util.Random(2), 200));
    SortMergeJoinOperator join = new SortMergeJoinOperator(left, right, JoinType.INNER, List.of(KEY), List.of(KEY),
        (VectorExpression) null, schema, schema, fixture.context);

    assertThat(join.next()).isNotNull();
    join.close();
    join.close();

    assertThat(left.closeCount()).isEqualTo(1);
    assertThat(right.closeCount()).isEqualTo(1);
    assertThat(join.next()).isNull();
    fixture.assertClean();
  }
}
