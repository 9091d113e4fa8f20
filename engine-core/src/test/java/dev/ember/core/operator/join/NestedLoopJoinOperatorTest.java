package dev.ember.core.operator.join;

import static dev.ember.core.operator.OperatorTesting.drain;
import static dev.ember.core.operator.OperatorTesting.multiset;
import static dev.ember.core.operator.OperatorTesting.rows;
import static dev.ember.core.operator.OperatorTesting.toBatches;
import static dev.ember.core.operator.join.JoinTestData.SIDE;
import static dev.ember.core.operator.join.JoinTestData.WIDTH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.BatchSource;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(EngineHygiene.class)
class NestedLoopJoinOperatorTest {
  enum Condition { NONE, LEFT_VALUE_BELOW_RIGHT_VALUE, LEFT_FLAG }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 500;
    for (JoinType joinType : JoinType.values()) {
      for (Condition condition : Condition.values()) {
        // left rows, right rows, max batch rows
        cases.add(Arguments.of(seed++, joinType, condition, 60, 70, 25));
        cases.add(Arguments.of(seed++, joinType, condition, 0, 20, 5));
        cases.add(Arguments.of(seed++, joinType, condition, 20, 0, 5));
        cases.add(Arguments.of(seed++, joinType, condition, 1, 1, 1));
        // A right side larger than one output batch: each left row's pairs span several blocks.
        cases.add(Arguments.of(seed++, joinType, condition, 5, 5000, 3000));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "seed {0}: {1}, condition {2}, {3} x {4} rows")
  @MethodSource("cases")
  void matchesNestedLoopsOverLists(
      long seed, JoinType joinType, Condition condition, int leftCount, int rightCount, int maxBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<List<Object>> left = JoinTestData.rows(random, leftCount, 10, 0.1);
    List<List<Object>> right = JoinTestData.rows(random, rightCount, 10, 0.1);
    VectorExpression compiled = null;
    Function<List<Object>, Boolean> model = null;
    switch (condition) {
      case NONE -> {}
      case LEFT_VALUE_BELOW_RIGHT_VALUE -> {
        LessThanCondition lessThan = new LessThanCondition(3, WIDTH + 3);
        compiled = lessThan;
        model = lessThan::test;
      }
      case LEFT_FLAG -> {
        compiled = ExpressionCompiler.compile(new BoundReference(4, ColumnType.BOOLEAN, true));
        model = pair -> (Boolean) pair.get(4);
      }
    }
    BatchSource leftSource = new BatchSource(toBatches(SIDE, left, random, maxBatch));
    BatchSource rightSource = new BatchSource(toBatches(SIDE, right, random, maxBatch));

    List<Batch> output = drain(new NestedLoopJoinOperator(leftSource, rightSource, joinType, compiled, SIDE, SIDE));

    List<List<Object>> expected = JoinModel.join(left, right, WIDTH, WIDTH, joinType, List.of(), model);
    assertThat(multiset(rows(output))).isEqualTo(multiset(expected));
    assertThat(leftSource.closeCount()).isEqualTo(1);
    assertThat(rightSource.closeCount()).isEqualTo(1);
  }

  @Test
  void aSelectiveConditionStillYieldsFullOutputBatches() {
    List<List<Object>> left = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      left.add(java.util.Arrays.asList(i, "l", 0.0, 98, true));
    }
    List<List<Object>> right = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      right.add(java.util.Arrays.asList(i, "r", 0.0, i % 100, true));
    }
    // 100,000 candidate pairs in 25 chunks, 1,000 of them kept.
    List<Batch> output = drain(new NestedLoopJoinOperator(new BatchSource(List.of(Batch.fromRows(SIDE, left))),
        new BatchSource(List.of(Batch.fromRows(SIDE, right))), JoinType.INNER, new LessThanCondition(3, WIDTH + 3),
        SIDE, SIDE));

    assertThat(output).singleElement().satisfies(batch -> assertThat(batch.rowCount()).isEqualTo(1000));
  }
}
