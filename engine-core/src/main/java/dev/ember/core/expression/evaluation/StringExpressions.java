package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.StringMatchOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * String kernels: LIKE, startsWith/endsWith/contains, upper, lower, length, substring and concat.
 * Each loops over the string array once; a null input row stays null (shared validity) and is
 * skipped. Lengths and positions count code points, as Spark counts characters.
 */
final class StringExpressions {
  private StringExpressions() {}

  /** {@code child LIKE pattern}, with the pattern compiled once. */
  record Like(VectorExpression child, LikePattern pattern) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) child.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] values = input.values;
      boolean[] nulls = input.nulls;
      boolean[] out = new boolean[rowCount];
      String literal = pattern.literal();
      // One switch on the pattern's shape per batch; the common shapes never touch a regex.
      switch (pattern.shape()) {
        case EQUALS -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && literal.equals(values[i]);
          }
        }
        case STARTS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].startsWith(literal);
          }
        }
        case ENDS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].endsWith(literal);
          }
        }
        case CONTAINS -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].contains(literal);
          }
        }
        case ANYTHING -> Arrays.fill(out, 0, rowCount, true);
        case REGEX -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && pattern.matches(values[i]);
          }
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** startsWith/endsWith/contains against a literal, the common case ({@code name LIKE} in the DSL). */
  record MatchScalar(StringMatchOperator operator, VectorExpression left, String right) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) left.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] values = input.values;
      boolean[] nulls = input.nulls;
      boolean[] out = new boolean[rowCount];
      switch (operator) {
        case STARTS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].startsWith(right);
          }
        }
        case ENDS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].endsWith(right);
          }
        }
        case CONTAINS -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && values[i].contains(right);
          }
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** startsWith/endsWith/contains between two string columns. */
  record MatchColumns(StringMatchOperator operator, VectorExpression left, VectorExpression right)
      implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.BOOLEAN;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector leftVector = (StringVector) left.evaluate(batch);
      StringVector rightVector = (StringVector) right.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] leftValues = leftVector.values;
      String[] rightValues = rightVector.values;
      boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
      boolean[] out = new boolean[rowCount];
      switch (operator) {
        case STARTS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && leftValues[i].startsWith(rightValues[i]);
          }
        }
        case ENDS_WITH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && leftValues[i].endsWith(rightValues[i]);
          }
        }
        case CONTAINS -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && leftValues[i].contains(rightValues[i]);
          }
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** upper or lower case with Locale.ROOT, so results do not depend on the machine's locale. */
  record CaseConversion(VectorExpression child, boolean upper) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) child.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] values = input.values;
      boolean[] nulls = input.nulls;
      String[] out = new String[rowCount];
      if (upper) {
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values[i].toUpperCase(Locale.ROOT);
          }
        }
      } else {
        for (int i = 0; i < rowCount; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values[i].toLowerCase(Locale.ROOT);
          }
        }
      }
      return new StringVector(ColumnType.STRING, out, nulls, rowCount);
    }
  }

  /** The number of code points (a character above U+FFFF counts once). */
  record Length(VectorExpression child) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.INT;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) child.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] values = input.values;
      boolean[] nulls = input.nulls;
      int[] out = new int[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          String value = values[i];
          out[i] = value.codePointCount(0, value.length());
        }
      }
      return new IntVector(ColumnType.INT, out, nulls, rowCount);
    }
  }

  /**
   * Spark's {@code substring(str, pos, len)} ({@code UTF8String.substringSQL}) on code points:
   * a positive pos is 1-based, 0 acts as 1, a negative pos counts from the end; the end is
   * {@code start + len} clamped to the string, and a start at or past the end gives "".
   */
  record Substring(VectorExpression child, int position, int length) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) child.evaluate(batch);
      int rowCount = batch.rowCount();
      String[] values = input.values;
      boolean[] nulls = input.nulls;
      String[] out = new String[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = substring(values[i], position, length);
        }
      }
      return new StringVector(ColumnType.STRING, out, nulls, rowCount);
    }

    static String substring(String value, int position, int length) {
      int characters = value.codePointCount(0, value.length());
      long start = position > 0 ? position - 1L : position < 0 ? (long) characters + position : 0L;
      long end = Math.min(start + length, characters);
      start = Math.max(start, 0L);
      if (start >= end) {
        return "";
      }
      if (characters == value.length()) {
        return value.substring((int) start, (int) end);
      }
      int from = value.offsetByCodePoints(0, (int) start);
      int to = value.offsetByCodePoints(from, (int) (end - start));
      return value.substring(from, to);
    }
  }

  /** Concatenation; null when any child is null (Spark's concat, not concat_ws). */
  record Concat(List<VectorExpression> children) implements VectorExpression {
    Concat {
      children = List.copyOf(children);
    }

    @Override
    public ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      int rowCount = batch.rowCount();
      String[][] parts = new String[children.size()][];
      boolean[] nulls = null;
      for (int child = 0; child < parts.length; child++) {
        StringVector vector = (StringVector) children.get(child).evaluate(batch);
        parts[child] = vector.values;
        nulls = NullMasks.union(nulls, vector.nulls, rowCount);
      }
      String[] out = new String[rowCount];
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          text.setLength(0);
          for (String[] part : parts) {
            text.append(part[i]);
          }
          out[i] = text.toString();
        }
      }
      return new StringVector(ColumnType.STRING, out, nulls, rowCount);
    }
  }
}
