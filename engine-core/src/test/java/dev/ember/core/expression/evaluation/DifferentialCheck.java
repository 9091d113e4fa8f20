package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Compiles an expression once, runs it over random batches (sizes from 0 up) and compares every
 * row with {@link ReferenceEvaluator}; also checks that the result vector has the expression's
 * type and row count, and that evaluation left the input unchanged (kernels share validity
 * arrays, so a write into one would show here).
 *
 * <p>Half the pool's batches hold their string columns dictionary-encoded, half plain.
 *
 * <p>The batches come from a pool built once from a fixed seed, so that thousands of checks stay
 * fast; each check draws its own selection from the pool with its own seed.
 */
final class DifferentialCheck {
  private static final int[] SIZES = {0, 1, 2, 5, 17, 64, 300, 1000};
  private static final int POOL_SIZE = 40;
  private static final List<Batch> POOL = new ArrayList<>();
  private static final List<List<List<Object>>> POOL_ROWS = new ArrayList<>();

  static {
    Random random = new Random(424242);
    for (int i = 0; i < POOL_SIZE; i++) {
      Batch batch = RandomBatches.batch(random, i == 0 ? 0 : SIZES[1 + random.nextInt(SIZES.length - 1)]);
      // Every other batch holds its strings as dictionaries, so each kernel runs on both layouts.
      POOL.add(i % 2 == 1 ? dev.ember.core.vector.StringLayouts.withDictionaryStrings(batch) : batch);
      POOL_ROWS.add(batch.rows());
    }
  }

  private DifferentialCheck() {}

  static BoundReference column(int ordinal) {
    return new BoundReference(ordinal, RandomBatches.SCHEMA.type(ordinal), true);
  }

  static void check(Expression expression, long seed, int batchCount) {
    Random random = new Random(seed);
    VectorExpression compiled = ExpressionCompiler.compile(expression);
    assertThat(compiled.type()).as("compiled type of %s", expression).isEqualTo(expression.type());
    int largest = 0;
    for (int batchIndex = 0; batchIndex < batchCount; batchIndex++) {
      int poolIndex = batchIndex == 0 ? 0 : 1 + random.nextInt(POOL_SIZE - 1);
      Batch batch = POOL.get(poolIndex);
      List<List<Object>> rows = POOL_ROWS.get(poolIndex);
      if (batch.rowCount() > POOL.get(largest).rowCount()) {
        largest = poolIndex;
      }
      int rowCount = batch.rowCount();
      ColumnVector result = compiled.evaluate(batch);
      assertThat(result.size()).as("rows of %s", expression).isEqualTo(rowCount);
      assertThat(result.type()).as("vector type of %s", expression).isEqualTo(expression.type());
      for (int row = 0; row < rowCount; row++) {
        List<Object> input = rows.get(row);
        Object expected = ReferenceEvaluator.evaluate(expression, input);
        Object actual = result.getObject(row);
        if (!same(expected, actual)) {
          fail("seed " + seed + ", batch " + poolIndex + ", row " + row + ": " + expression
              + "\n  input    " + describe(input)
              + "\n  expected " + describe(expected)
              + "\n  actual   " + describe(actual));
        }
      }
    }
    assertUnchanged(expression, expression, POOL.get(largest), POOL_ROWS.get(largest));
  }

  /** The columns the expression reads still hold what they held before it ran. */
  private static void assertUnchanged(Expression root, Expression expression, Batch batch, List<List<Object>> rows) {
    if (expression instanceof BoundReference reference) {
      ColumnVector column = batch.column(reference.ordinal());
      for (int row = 0; row < batch.rowCount(); row++) {
        if (!same(rows.get(row).get(reference.ordinal()), column.getObject(row))) {
          fail("evaluating " + root + " changed input[" + reference.ordinal() + "] at row " + row);
        }
      }
    }
    for (Expression child : expression.children()) {
      assertUnchanged(root, child, batch, rows);
    }
  }

  /** Equality that tells -0.0 from 0.0 and takes NaN as equal to NaN. */
  static boolean same(Object expected, Object actual) {
    if (expected instanceof Double a && actual instanceof Double b) {
      return Double.compare(a, b) == 0;
    }
    return Objects.equals(expected, actual);
  }

  static String describe(Object value) {
    if (value instanceof String text) {
      return '"' + text.replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
    if (value instanceof List<?> list) {
      return list.stream().map(DifferentialCheck::describe).toList().toString();
    }
    return String.valueOf(value);
  }
}
