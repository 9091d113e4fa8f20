package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Literals as vectors: the right value at every row count, without refilling arrays for smaller batches. */
class ConstantExpressionTest {
  private static Batch rows(int count) {
    return new Batch(new ColumnVector[] {new IntVector(ColumnType.INT, new int[count], null, count)}, count);
  }

  @Test
  void smallerBatchesGetViewsOfTheCachedVectorWithTheSameValue() {
    ConstantExpression one = new ConstantExpression(ColumnType.decimal(15, 2), new BigDecimal("1.00"));
    LongVector full = (LongVector) one.evaluate(rows(Batch.DEFAULT_ROWS));
    // A filtered batch of 4,011 rows, then one of 3: views over the same array, no new fill.
    for (int count : new int[] {4011, 3, 0, Batch.DEFAULT_ROWS}) {
      LongVector vector = (LongVector) one.evaluate(rows(count));
      assertThat(vector.size()).isEqualTo(count);
      assertThat(vector.values).isSameAs(full.values);
      for (int row = 0; row < count; row++) {
        assertThat(vector.getObject(row)).isEqualTo(new BigDecimal("1.00"));
      }
    }
    assertThat(((LongVector) one.evaluate(rows(10_000))).size()).as("a larger batch gets a larger vector").isEqualTo(10_000);
  }

  @Test
  void everyTypeKeepsItsValueAndNullnessInAView() {
    List<Object[]> cases = List.of(
        new Object[] {ColumnType.BOOLEAN, true}, new Object[] {ColumnType.INT, 7}, new Object[] {ColumnType.DATE, 19_000},
        new Object[] {ColumnType.LONG, -3L}, new Object[] {ColumnType.DOUBLE, 2.5}, new Object[] {ColumnType.STRING, "é😀"},
        new Object[] {ColumnType.decimal(30, 3), new BigDecimal("123456789012345678901.234")},
        new Object[] {ColumnType.STRING, null}, new Object[] {ColumnType.LONG, null}, new Object[] {ColumnType.decimal(30, 3), null});
    for (Object[] testCase : cases) {
      ConstantExpression constant = new ConstantExpression((ColumnType) testCase[0], testCase[1]);
      constant.evaluate(rows(Batch.DEFAULT_ROWS));
      ColumnVector view = constant.evaluate(rows(5));
      assertThat(view.size()).isEqualTo(5);
      Object[] values = new Object[5];
      for (int row = 0; row < 5; row++) {
        values[row] = view.getObject(row);
      }
      Object[] expected = new Object[5];
      Arrays.fill(expected, testCase[1]);
      assertThat(values).as("%s", Arrays.toString(testCase)).containsExactly(expected);
      if (view instanceof StringVector strings && testCase[1] != null) {
        assertThat(strings.isDictionary()).isTrue();
      }
      if (view instanceof DecimalVector decimals) {
        assertThat(decimals.size()).isEqualTo(5);
      }
    }
  }
}
