package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code value IN (literals...)}: the literals become a sorted primitive array (binary search) or
 * sorted UTF-8 byte strings (binary search in Spark's byte order), built once; a
 * dictionary column looks each distinct value up once. A null literal in the list makes every non-match null.
 * Doubles match with Spark's equality: NaN matches NaN, -0.0 matches 0.0.
 */
final class InSetExpression implements VectorExpression {
  private final VectorExpression value;
  private final boolean listHasNull;
  private final int[] ints;
  private final long[] longs;
  private final byte[][] strings;
  /** Wide DECIMAL literals (with the value's scale); compact ones are unscaled values in {@code longs}. */
  private final Set<java.math.BigDecimal> decimals;
  private final boolean containsTrue;
  private final boolean containsFalse;

  InSetExpression(VectorExpression value, List<Object> literals) {
    this.value = value;
    boolean hasNull = false;
    int[] intSet = new int[literals.size()];
    long[] longSet = new long[literals.size()];
    List<byte[]> stringSet = new java.util.ArrayList<>();
    Set<java.math.BigDecimal> decimalSet = new HashSet<>();
    boolean compactDecimal = dev.ember.core.types.DecimalTypes.isCompact(value.type());
    boolean hasTrue = false;
    boolean hasFalse = false;
    int count = 0;
    for (Object literal : literals) {
      switch (literal) {
        case null -> hasNull = true;
        case Boolean bool -> {
          hasTrue |= bool;
          hasFalse |= !bool;
        }
        case Integer number -> intSet[count++] = number;
        case Long number -> longSet[count++] = number;
        case Double number -> longSet[count++] = doubleKey(number);
        case String text -> stringSet.add(dev.ember.core.vector.Utf8.encode(text));
        case java.math.BigDecimal number when compactDecimal -> longSet[count++] = number.unscaledValue().longValueExact();
        case java.math.BigDecimal number -> decimalSet.add(number);
        default -> throw new IllegalArgumentException("IN list literal of unexpected class " + literal.getClass());
      }
    }
    intSet = Arrays.copyOf(intSet, count);
    longSet = Arrays.copyOf(longSet, count);
    Arrays.sort(intSet);
    Arrays.sort(longSet);
    this.listHasNull = hasNull;
    this.ints = intSet;
    this.longs = longSet;
    byte[][] sortedStrings = stringSet.toArray(new byte[0][]);
    Arrays.sort(sortedStrings, Arrays::compareUnsigned);
    this.strings = sortedStrings;
    this.decimals = decimalSet;
    this.containsTrue = hasTrue;
    this.containsFalse = hasFalse;
  }

  /** Bits under which equal doubles meet: -0.0 as 0.0, every NaN as one NaN. */
  private static long doubleKey(double number) {
    return Double.doubleToLongBits(number == 0.0 ? 0.0 : number);
  }

  /** Whether each row of {@code vector} is one of the strings (null rows: arbitrary). */
  private boolean[] contains(StringVector vector) {
    int rowCount = vector.size();
    boolean[] found = new boolean[rowCount];
    byte[] data = vector.data();
    for (int i = 0; i < rowCount; i++) {
      int start = vector.start(i);
      int end = vector.end(i);
      int low = 0;
      int high = strings.length - 1;
      while (low <= high) {
        int middle = (low + high) >>> 1;
        byte[] candidate = strings[middle];
        int order = Arrays.compareUnsigned(candidate, 0, candidate.length, data, start, end);
        if (order < 0) {
          low = middle + 1;
        } else if (order > 0) {
          high = middle - 1;
        } else {
          found[i] = true;
          break;
        }
      }
    }
    return found;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector valueVector = VectorExpression.dispatch(value, batch);
    int rowCount = batch.rowCount();
    boolean[] valueNulls = valueVector.nulls;
    boolean[] out = new boolean[rowCount];
    switch (valueVector) {
      case BooleanVector vector -> {
        boolean[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          out[i] = values[i] ? containsTrue : containsFalse;
        }
      }
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          out[i] = Arrays.binarySearch(ints, values[i]) >= 0;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          out[i] = Arrays.binarySearch(longs, values[i]) >= 0;
        }
      }
      case DoubleVector vector -> {
        double[] values = vector.values;
        for (int i = 0; i < rowCount; i++) {
          out[i] = Arrays.binarySearch(longs, doubleKey(values[i])) >= 0;
        }
      }
      case StringVector vector -> {
        if (DictionaryKernels.worthIt(vector, rowCount)) {
          BooleanVector perEntry = (BooleanVector) DictionaryKernels.throughDictionary(
              vector, rowCount, entries -> new BooleanVector(ColumnType.BOOLEAN, contains(entries), null, entries.size()));
          System.arraycopy(perEntry.values, 0, out, 0, rowCount);
        } else {
          System.arraycopy(contains(vector), 0, out, 0, rowCount);
        }
        if (valueNulls != null) {
          for (int i = 0; i < rowCount; i++) {
            out[i] &= !valueNulls[i];
          }
        }
      }
      case DecimalVector vector -> {
        // The set holds BigDecimals of the type's scale; IN over wide decimals is rare, so each row converts.
        for (int i = 0; i < rowCount; i++) {
          out[i] = (valueNulls == null || !valueNulls[i]) && decimals.contains(vector.get(i));
        }
      }
    }
    if (!listHasNull) {
      return new BooleanVector(ColumnType.BOOLEAN, out, valueNulls, rowCount);
    }
    // With a null in the list, a row that matched nothing is unknown rather than false.
    boolean[] nulls = new boolean[rowCount];
    boolean anyNull = false;
    for (int i = 0; i < rowCount; i++) {
      nulls[i] = !out[i] | (valueNulls != null && valueNulls[i]);
      anyNull |= nulls[i];
    }
    return new BooleanVector(ColumnType.BOOLEAN, out, anyNull ? nulls : null, rowCount);
  }
}
