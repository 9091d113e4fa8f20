package dev.ember.core.operator.aggregate;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * first(x) with Spark's ignoreNulls = false: the value of the first row the group saw, null
 * included. The state is (value, seen); merging takes the state of the first partial whose seen
 * flag is true, so a partial from an empty partition (global aggregate) does not win.
 *
 * <p>With {@code single}, it is {@code SINGLE_VALUE}, a scalar subquery's value: a second row for a
 * group, or a second partial that saw a row, fails the task with {@link ScalarSubqueryException}.
 */
final class FirstAccumulator implements Accumulator {
  private final GroupValues values;
  private boolean[] seen = new boolean[0];
  private boolean[] valueIsNull = new boolean[0];

  private final boolean single;

  FirstAccumulator(ColumnType type, boolean single) {
    this.values = new GroupValues(type);
    this.single = single;
  }

  @Override
  public void ensureGroups(int groupCount) {
    int length = Capacity.grow(seen.length, groupCount);
    if (length != seen.length) {
      seen = Arrays.copyOf(seen, length);
      valueIsNull = Arrays.copyOf(valueIsNull, length);
      values.grow(length);
    }
  }

  @Override
  public void update(ColumnVector[] arguments, int[] groupIds, int rowCount) {
    take(arguments[0], null, groupIds, rowCount);
  }

  @Override
  public void merge(ColumnVector[] states, int[] groupIds, int rowCount) {
    BooleanVector seenStates = (BooleanVector) states[1];
    boolean[] eligible = new boolean[rowCount];
    boolean[] seenValues = seenStates.values;
    boolean[] seenNulls = seenStates.nulls;
    for (int i = 0; i < rowCount; i++) {
      eligible[i] = seenValues[i] && (seenNulls == null || !seenNulls[i]);
    }
    take(states[0], eligible, groupIds, rowCount);
  }

  /** Takes row i for its group if the group has seen nothing yet (and {@code eligible[i]}, when given). */
  private void take(ColumnVector input, boolean[] eligible, int[] groupIds, int rowCount) {
    if (!input.type().equals(values.type)) {
      throw new IllegalArgumentException("first of " + values.type + " got a " + input.type() + " column");
    }
    boolean[] seen = this.seen;
    boolean[] valueIsNull = this.valueIsNull;
    boolean[] nulls = input.nulls;
    // Pass 1 claims each group's first row (no type switch needed); pass 2 copies the values.
    int[] takenRows = new int[rowCount];
    int taken = 0;
    for (int i = 0; i < rowCount; i++) {
      int group = groupIds[i];
      if (single && seen[group] && (eligible == null || eligible[i])) {
        throw new ScalarSubqueryException();
      }
      if (!seen[group] && (eligible == null || eligible[i])) {
        seen[group] = true;
        valueIsNull[group] = nulls != null && nulls[i];
        takenRows[taken++] = i;
      }
    }
    switch (input) {
      case BooleanVector vector -> {
        for (int k = 0; k < taken; k++) {
          values.booleans[groupIds[takenRows[k]]] = vector.values[takenRows[k]];
        }
      }
      case IntVector vector -> {
        for (int k = 0; k < taken; k++) {
          values.ints[groupIds[takenRows[k]]] = vector.values[takenRows[k]];
        }
      }
      case LongVector vector -> {
        for (int k = 0; k < taken; k++) {
          values.longs[groupIds[takenRows[k]]] = vector.values[takenRows[k]];
        }
      }
      case DoubleVector vector -> {
        for (int k = 0; k < taken; k++) {
          values.doubles[groupIds[takenRows[k]]] = vector.values[takenRows[k]];
        }
      }
      case StringVector vector -> {
        for (int k = 0; k < taken; k++) {
          int row = takenRows[k];
          values.strings[groupIds[row]] = Arrays.copyOfRange(vector.data(), vector.start(row), vector.end(row));
        }
      }
      case DecimalVector vector -> {
        for (int k = 0; k < taken; k++) {
          int row = takenRows[k];
          values.decimalHigh[groupIds[row]] = vector.high[row];
          values.decimalLow[groupIds[row]] = vector.low[row];
        }
      }
    }
  }

  @Override
  public ColumnVector[] states(int from, int to) {
    int count = to - from;
    return new ColumnVector[] {
      results(from, to), new BooleanVector(ColumnType.BOOLEAN, Arrays.copyOfRange(seen, from, to), null, count)
    };
  }

  @Override
  public ColumnVector results(int from, int to) {
    boolean[] nulls = new boolean[to - from];
    for (int i = 0; i < nulls.length; i++) {
      nulls[i] = !seen[from + i] || valueIsNull[from + i];
    }
    return values.vector(from, to, nulls);
  }

  @Override
  public long retainedBytes() {
    return (2 + values.bytesPerGroup()) * seen.length;
  }
}
