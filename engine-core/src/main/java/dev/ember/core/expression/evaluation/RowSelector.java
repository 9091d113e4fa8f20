package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;
import java.util.List;

/**
 * A filter condition compiled to narrow a selection: given candidate rows of a batch, it writes the
 * positions of those whose condition is true (not false, not null), in order. Built by {@link
 * Selections#compile}; stateless, so one instance may serve one task thread at a time like any
 * {@link VectorExpression}.
 */
public sealed interface RowSelector
    permits RowSelector.IntColumnComparison,
        RowSelector.LongColumnComparison,
        RowSelector.DoubleColumnComparison,
        RowSelector.IntColumnRange,
        RowSelector.LongColumnRange,
        RowSelector.NotNullColumn,
        RowSelector.DictionaryCondition,
        RowSelector.Conjunction,
        RowSelector.Evaluated {

  /**
   * Writes to {@code out} the rows among {@code rows[0..count)} (increasing positions of {@code
   * physical}, a batch without a selection) that the condition keeps, and returns how many. {@code
   * out} needs {@code count} slots and may be {@code rows} itself: every write lands at or before
   * the read it follows.
   */
  int select(Batch physical, int[] rows, int count, int[] out);

  /**
   * {@code column op constant} on an INT or DATE column: a branch-free loop per operator writing
   * positions directly (no boolean vector), each operator's loop compiled on its own and called per
   * chunk of rows ({@link ComparisonKernels}); ints need no NaN handling.
   */
  record IntColumnComparison(ComparisonOperator operator, int ordinal, ColumnType type, int constant)
      implements RowSelector {
    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      IntVector column = (IntVector) Selections.column(physical, ordinal, type);
      int[] values = column.values;
      return Selections.dropNulls(column.nulls, out, ComparisonKernels.keep(operator, values, constant, rows, count, out));
    }
  }

  /** {@code column op constant} on a LONG or TIMESTAMP column, as {@link IntColumnComparison}. */
  record LongColumnComparison(ComparisonOperator operator, int ordinal, ColumnType type, long constant)
      implements RowSelector {
    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      LongVector column = (LongVector) Selections.column(physical, ordinal, type);
      long[] values = column.values;
      return Selections.dropNulls(column.nulls, out, ComparisonKernels.keep(operator, values, constant, rows, count, out));
    }
  }

  /**
   * {@code column op constant} on a DOUBLE column and a constant that is not NaN, in Spark's order
   * of doubles (NaN above every number, -0.0 equal to 0.0): positions written directly, as for
   * longs, instead of a vector of verdicts read a second time. A NaN value is never equal to, below
   * or at most the constant, and always above, at least and not equal to it: {@code >} is written
   * {@code !(v <= c)} and {@code >=} {@code !(v < c)}, which hold for NaN; the other operators' Java
   * comparisons are already false (or, for {@code !=}, true) on NaN, and equal on -0.0 and 0.0.
   */
  record DoubleColumnComparison(ComparisonOperator operator, int ordinal, ColumnType type, double constant)
      implements RowSelector {
    public DoubleColumnComparison {
      if (Double.isNaN(constant)) {
        throw new IllegalArgumentException("a NaN constant compares through its vector kernel");
      }
    }

    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      DoubleVector column = (DoubleVector) Selections.column(physical, ordinal, type);
      double[] values = column.values;
      return Selections.dropNulls(column.nulls, out, ComparisonKernels.keep(operator, values, constant, rows, count, out));
    }
  }

  /**
   * {@code lowest <= column <= highest} on an INT or DATE column (both bounds inclusive; {@link
   * Selections#compile} turns {@code d >= x AND d < y} into it): one pass instead of two, one
   * unsigned comparison per row ({@code value - lowest} is at most {@code highest - lowest} exactly
   * when the value is in range), so a date range costs what one comparison did. Requires
   * {@code lowest <= highest}.
   */
  record IntColumnRange(int ordinal, ColumnType type, int lowest, int highest) implements RowSelector {
    public IntColumnRange {
      if (lowest > highest) {
        throw new IllegalArgumentException("empty range [" + lowest + ", " + highest + "]");
      }
    }

    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      IntVector column = (IntVector) Selections.column(physical, ordinal, type);
      int[] values = column.values;
      long from = lowest;
      long span = (long) highest - lowest;
      int kept = 0;
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        out[kept] = row;
        // In longs (no overflow): kept when 0 <= offset <= span, i.e. neither difference is negative;
        // the sign bit is added, never branched on (see ComparisonKernels).
        long offset = values[row] - from;
        kept += (int) ((offset | (span - offset)) >>> 63) ^ 1;
      }
      return Selections.dropNulls(column.nulls, out, kept);
    }
  }

  /** {@code lowest <= column <= highest} on a LONG, TIMESTAMP or compact DECIMAL column, as {@link IntColumnRange}. */
  record LongColumnRange(int ordinal, ColumnType type, long lowest, long highest) implements RowSelector {
    public LongColumnRange {
      if (lowest > highest) {
        throw new IllegalArgumentException("empty range [" + lowest + ", " + highest + "]");
      }
    }

    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      LongVector column = (LongVector) Selections.column(physical, ordinal, type);
      long[] values = column.values;
      long from = lowest;
      long span = highest - lowest; // unsigned: a long range may span more than Long.MAX_VALUE
      int kept = 0;
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        out[kept] = row;
        // Kept when the offset (wrapping) is at most the span, both unsigned: 1 - (span < offset).
        kept += ComparisonKernels.unsignedLessThan(span, values[row] - from) ^ 1;
      }
      return Selections.dropNulls(column.nulls, out, kept);
    }
  }

  /**
   * {@code column IS NOT NULL}, which the optimizer adds below joins on every key: the candidates
   * minus the rows the validity array marks null; a column without nulls keeps every candidate with
   * no per-row work at all (the common case).
   */
  record NotNullColumn(int ordinal, ColumnType type) implements RowSelector {
    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      ColumnVector column = Selections.column(physical, ordinal, type);
      if (out != rows) {
        System.arraycopy(rows, 0, out, 0, count);
      }
      return Selections.dropNulls(column.nulls, out, count);
    }
  }

  /**
   * A condition on one STRING column alone ({@code mode IN ('MAIL', 'SHIP')}, {@code type LIKE
   * 'PROMO%'}, {@code segment = 'BUILDING'}): over a dictionary-encoded batch it runs once per
   * dictionary entry ({@code overEntries}, the condition rebound to read column 0) and each row then
   * costs one lookup of its id, with no boolean vector for the rows. {@code keepsNull} is the
   * condition's verdict on a null string, computed once. Plain batches, and dictionaries larger than
   * the candidates, take {@code fallback}.
   */
  record DictionaryCondition(int ordinal, ColumnType type, VectorExpression overEntries, boolean keepsNull, Evaluated fallback)
      implements RowSelector {
    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      StringVector column = (StringVector) Selections.column(physical, ordinal, type);
      if (!column.isDictionary() || column.dictionary().size() > count) {
        return fallback.select(physical, rows, count, out);
      }
      StringVector dictionary = column.dictionary();
      BooleanVector verdicts = (BooleanVector) VectorExpression.dispatch(overEntries, new Batch(new ColumnVector[] {dictionary}, dictionary.size()));
      boolean[] keep = Selections.trueAndNotNull(verdicts);
      int[] ids = column.ids();
      boolean[] nulls = column.nulls;
      int kept = 0;
      if (nulls == null) {
        byte[] flags = BooleanVector.flags(keep);
        for (int j = 0; j < count; j++) {
          int row = rows[j];
          out[kept] = row;
          kept += flags[ids[row]];
        }
      } else {
        boolean keepNull = keepsNull;
        for (int j = 0; j < count; j++) {
          int row = rows[j];
          out[kept] = row;
          kept += (nulls[row] ? keepNull : keep[ids[row]]) ? 1 : 0;
        }
      }
      return kept;
    }
  }

  /**
   * {@code a AND b AND ...} in a filter: a row is kept only when every conjunct is true, so each
   * conjunct narrows what the previous ones kept and later ones run on fewer rows.
   */
  record Conjunction(List<RowSelector> conjuncts) implements RowSelector {
    public Conjunction {
      conjuncts = List.copyOf(conjuncts);
    }

    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      int kept = count;
      int[] candidates = rows;
      for (RowSelector conjunct : conjuncts) {
        if (kept == 0) {
          return 0;
        }
        kept = conjunct.select(physical, candidates, kept, out);
        candidates = out;
      }
      return kept;
    }
  }

  /**
   * Any other condition: its vector kernel runs over every physical row when enough of them are
   * candidates ({@link Selections#cheaperOverAllRows}: a kernel pass over a few unwanted rows costs
   * less than gathering the inputs), and otherwise over the candidates alone, their input columns
   * gathered first.
   */
  record Evaluated(VectorExpression condition) implements RowSelector {
    @Override
    public int select(Batch physical, int[] rows, int count, int[] out) {
      int physicalRows = physical.rowCount();
      if (Selections.cheaperOverAllRows(count, physicalRows)) {
        BooleanVector keep = (BooleanVector) VectorExpression.dispatch(condition, physical);
        boolean[] values = keep.values;
        int kept = 0;
        for (int j = 0; j < count; j++) {
          int row = rows[j];
          out[kept] = row;
          kept += values[row] ? 1 : 0;
        }
        return Selections.dropNulls(keep.nulls, out, kept);
      }
      // The candidates as a selected batch: the condition reads its inputs gathered to those rows.
      ColumnVector result = VectorExpression.dispatch(condition, physical.select(Arrays.copyOf(rows, count), count));
      BooleanVector keep = (BooleanVector) result;
      boolean[] values = keep.values;
      boolean[] nulls = keep.nulls;
      int kept = 0;
      if (nulls == null) {
        for (int j = 0; j < count; j++) {
          out[kept] = rows[j];
          kept += values[j] ? 1 : 0;
        }
      } else {
        for (int j = 0; j < count; j++) {
          out[kept] = rows[j];
          kept += values[j] & !nulls[j] ? 1 : 0;
        }
      }
      return kept;
    }
  }
}
