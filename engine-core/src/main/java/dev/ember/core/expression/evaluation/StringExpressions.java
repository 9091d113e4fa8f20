package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.StringMatchOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.Utf8;
import dev.ember.core.vector.VectorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * String kernels: LIKE, startsWith/endsWith/contains, upper, lower, length, substring and concat,
 * on the UTF-8 bytes of {@link StringVector} (no {@code String} per row). Matching bytes is
 * matching text: UTF-8 is self-synchronizing, so an encoded needle can only match at character
 * boundaries. A dictionary column runs the kernel once per distinct value. A null input row stays
 * null (shared validity) and is skipped. Lengths and positions count characters (code points), as
 * Spark's {@code UTF8String} does.
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
      StringVector input = (StringVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (DictionaryKernels.worthIt(input, rowCount)) {
        return DictionaryKernels.throughDictionary(input, rowCount, entries -> like(entries, entries.size()));
      }
      return like(input, rowCount);
    }

    private BooleanVector like(StringVector input, int rowCount) {
      boolean[] nulls = input.nulls;
      boolean[] out = new boolean[rowCount];
      // One switch on the pattern's shape per batch; the common shapes never touch a regex.
      switch (pattern.shape()) {
        case EQUALS, STARTS_WITH, ENDS_WITH, CONTAINS -> {
          byte[] literal = Utf8.encode(pattern.literal());
          StringMatchOperator operator = switch (pattern.shape()) {
            case STARTS_WITH -> StringMatchOperator.STARTS_WITH;
            case ENDS_WITH -> StringMatchOperator.ENDS_WITH;
            case CONTAINS -> StringMatchOperator.CONTAINS;
            case EQUALS, ANYTHING, REGEX -> null;
          };
          if (operator == null) {
            for (int i = 0; i < rowCount; i++) {
              out[i] = (nulls == null || !nulls[i]) && input.equalsBytes(i, literal, 0, literal.length);
            }
          } else {
            matchLiteral(operator, input, literal, out, rowCount);
          }
        }
        case ANYTHING -> Arrays.fill(out, 0, rowCount, true);
        case REGEX -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = (nulls == null || !nulls[i]) && pattern.matches(input.get(i));
          }
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /** Sets {@code out[i]} for the non-null rows that start with, end with or contain {@code literal}. */
  static void matchLiteral(StringMatchOperator operator, StringVector input, byte[] literal, boolean[] out, int rowCount) {
    boolean[] nulls = input.nulls;
    byte[] data = input.data();
    int length = literal.length;
    switch (operator) {
      case STARTS_WITH -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = (nulls == null || !nulls[i]) && Utf8.startsWith(data, input.start(i), input.end(i), literal, 0, length);
        }
      }
      case ENDS_WITH -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = (nulls == null || !nulls[i]) && Utf8.endsWith(data, input.start(i), input.end(i), literal, 0, length);
        }
      }
      case CONTAINS -> {
        for (int i = 0; i < rowCount; i++) {
          out[i] = (nulls == null || !nulls[i]) && Utf8.contains(data, input.start(i), input.end(i), literal, 0, length);
        }
      }
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
      StringVector input = (StringVector) VectorExpression.dispatch(left, batch);
      int rowCount = batch.rowCount();
      byte[] literal = Utf8.encode(right);
      if (DictionaryKernels.worthIt(input, rowCount)) {
        return DictionaryKernels.throughDictionary(input, rowCount, entries -> {
          boolean[] out = new boolean[entries.size()];
          matchLiteral(operator, entries, literal, out, entries.size());
          return new BooleanVector(ColumnType.BOOLEAN, out, null, entries.size());
        });
      }
      boolean[] out = new boolean[rowCount];
      matchLiteral(operator, input, literal, out, rowCount);
      return new BooleanVector(ColumnType.BOOLEAN, out, input.nulls, rowCount);
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
      StringVector leftVector = (StringVector) VectorExpression.dispatch(left, batch);
      StringVector rightVector = (StringVector) VectorExpression.dispatch(right, batch);
      int rowCount = batch.rowCount();
      byte[] leftData = leftVector.data();
      byte[] rightData = rightVector.data();
      boolean[] nulls = NullMasks.union(leftVector.nulls, rightVector.nulls, rowCount);
      boolean[] out = new boolean[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          int from = leftVector.start(i);
          int to = leftVector.end(i);
          int needleFrom = rightVector.start(i);
          int needleTo = rightVector.end(i);
          out[i] = switch (operator) {
            case STARTS_WITH -> Utf8.startsWith(leftData, from, to, rightData, needleFrom, needleTo);
            case ENDS_WITH -> Utf8.endsWith(leftData, from, to, rightData, needleFrom, needleTo);
            case CONTAINS -> Utf8.contains(leftData, from, to, rightData, needleFrom, needleTo);
          };
        }
      }
      return new BooleanVector(ColumnType.BOOLEAN, out, nulls, rowCount);
    }
  }

  /**
   * upper or lower case with Locale.ROOT, so results do not depend on the machine's locale. ASCII
   * rows map byte by byte; other rows go through Java's full case mapping (which may change the
   * byte length, e.g. 'ß' to "SS").
   */
  record CaseConversion(VectorExpression child, boolean upper) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.STRING;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (DictionaryKernels.worthIt(input, rowCount)) {
        return DictionaryKernels.throughDictionary(input, rowCount, entries -> convert(entries, entries.size()));
      }
      return convert(input, rowCount);
    }

    private StringVector convert(StringVector input, int rowCount) {
      boolean[] nulls = input.nulls;
      byte[] data = input.data();
      VectorBuilder out = VectorBuilder.forType(ColumnType.STRING, rowCount);
      byte[] scratch = new byte[64];
      for (int i = 0; i < rowCount; i++) {
        if (nulls != null && nulls[i]) {
          out.appendNull();
          continue;
        }
        int start = input.start(i);
        int end = input.end(i);
        if (Utf8.isAscii(data, start, end)) {
          int length = end - start;
          if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
          }
          for (int b = 0; b < length; b++) {
            byte value = data[start + b];
            if (upper ? value >= 'a' && value <= 'z' : value >= 'A' && value <= 'Z') {
              value ^= 0x20;
            }
            scratch[b] = value;
          }
          out.appendUtf8(scratch, 0, length);
        } else {
          String text = new String(data, start, end - start, StandardCharsets.UTF_8);
          out.appendString(upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT));
        }
      }
      return (StringVector) out.build();
    }
  }

  /** The number of characters (a character above U+FFFF counts once), counted on the bytes. */
  record Length(VectorExpression child) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.INT;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (DictionaryKernels.worthIt(input, rowCount)) {
        return DictionaryKernels.throughDictionary(input, rowCount, entries -> length(entries, entries.size()));
      }
      return length(input, rowCount);
    }

    private static IntVector length(StringVector input, int rowCount) {
      boolean[] nulls = input.nulls;
      int[] out = new int[rowCount];
      for (int i = 0; i < rowCount; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = input.characterCount(i);
        }
      }
      return new IntVector(ColumnType.INT, out, nulls, rowCount);
    }
  }

  /**
   * Spark's {@code substring(str, pos, len)} ({@code UTF8String.substringSQL}) on characters:
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
      StringVector input = (StringVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      if (DictionaryKernels.worthIt(input, rowCount)) {
        return DictionaryKernels.throughDictionary(input, rowCount, entries -> cut(entries, entries.size()));
      }
      return cut(input, rowCount);
    }

    private StringVector cut(StringVector input, int rowCount) {
      boolean[] nulls = input.nulls;
      byte[] data = input.data();
      VectorBuilder out = VectorBuilder.forType(ColumnType.STRING, rowCount);
      for (int i = 0; i < rowCount; i++) {
        if (nulls != null && nulls[i]) {
          out.appendNull();
          continue;
        }
        int from = input.start(i);
        int to = input.end(i);
        int characters = Utf8.characterCount(data, from, to);
        long start = position > 0 ? position - 1L : position < 0 ? (long) characters + position : 0L;
        long end = Math.min(start + length, characters);
        start = Math.max(start, 0L);
        if (start >= end) {
          out.appendUtf8(data, from, from);
        } else {
          int byteStart = Utf8.offsetOfCharacter(data, from, to, start);
          int byteEnd = Utf8.offsetOfCharacter(data, byteStart, to, end - start);
          out.appendUtf8(data, byteStart, byteEnd);
        }
      }
      return (StringVector) out.build();
    }
  }

  /** Concatenation of the children's bytes; null when any child is null (Spark's concat, not concat_ws). */
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
      StringVector[] parts = new StringVector[children.size()];
      boolean[] nulls = null;
      for (int child = 0; child < parts.length; child++) {
        parts[child] = (StringVector) VectorExpression.dispatch(children.get(child), batch);
        nulls = NullMasks.union(nulls, parts[child].nulls, rowCount);
      }
      VectorBuilder out = VectorBuilder.forType(ColumnType.STRING, rowCount);
      byte[] scratch = new byte[64];
      for (int i = 0; i < rowCount; i++) {
        if (nulls != null && nulls[i]) {
          out.appendNull();
          continue;
        }
        int length = 0;
        for (StringVector part : parts) {
          int partLength = part.byteLength(i);
          if (scratch.length < length + partLength) {
            scratch = Arrays.copyOf(scratch, Math.max(length + partLength, 2 * scratch.length));
          }
          System.arraycopy(part.data(), part.start(i), scratch, length, partLength);
          length += partLength;
        }
        out.appendUtf8(scratch, 0, length);
      }
      return (StringVector) out.build();
    }
  }
}
