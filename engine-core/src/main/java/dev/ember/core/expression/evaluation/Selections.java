package dev.ember.core.expression.evaluation;

import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;

/** Turns a predicate's result into the positions of the rows it keeps (the filter operator's selection). */
public final class Selections {
  private Selections() {}

  /**
   * Writes into {@code out} the positions of the rows whose value is true and not null, in order,
   * and returns how many there are. {@code out} needs room for {@code booleanVector.size()} slots.
   */
  public static int trueRows(ColumnVector booleanVector, int[] out) {
    if (!(booleanVector instanceof BooleanVector predicate)) {
      throw new IllegalArgumentException("a selection needs a BOOLEAN vector, got " + booleanVector.type());
    }
    int rowCount = predicate.size();
    if (out.length < rowCount) {
      throw new IllegalArgumentException("out has " + out.length + " slots for " + rowCount + " rows");
    }
    boolean[] values = predicate.values;
    boolean[] nulls = predicate.nulls;
    int count = 0;
    if (nulls == null) {
      for (int i = 0; i < rowCount; i++) {
        out[count] = i;
        count += values[i] ? 1 : 0;
      }
    } else {
      for (int i = 0; i < rowCount; i++) {
        out[count] = i;
        count += values[i] & !nulls[i] ? 1 : 0;
      }
    }
    return count;
  }
}
