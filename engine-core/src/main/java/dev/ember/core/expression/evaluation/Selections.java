package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.And;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.math.BigDecimal;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Selections: the positions of the rows a filter keeps. Compiles filter conditions into {@link
 * RowSelector}s and turns a predicate's result into positions.
 */
public final class Selections {
  /**
   * The share of a batch's physical rows, in eighths, from which a general kernel runs over all of
   * them rather than over gathered candidates. Measured with {@code SelectionBenchmark}: see the
   * README's performance section.
   */
  static final int ALL_ROWS_MIN_SELECTED_EIGHTHS = 4;

  private Selections() {}

  /**
   * Whether a general kernel (a boolean condition, a projection) should run over all {@code
   * physicalRows} of a batch of which {@code selected} rows count, rather than over those rows
   * gathered: true when at least half are selected.
   */
  public static boolean cheaperOverAllRows(int selected, int physicalRows) {
    return 8L * selected >= (long) ALL_ROWS_MIN_SELECTED_EIGHTHS * physicalRows;
  }

  /**
   * Compiles a BOOLEAN filter condition. Conjunctions narrow step by step; comparisons of an INT,
   * DATE, LONG or TIMESTAMP column with a constant write positions directly; anything else runs its
   * vector kernel.
   */
  public static RowSelector compile(Expression condition) {
    if (condition.type().kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("a filter condition must be boolean, got " + condition.type() + ": " + condition);
    }
    List<Expression> conjuncts = new ArrayList<>();
    flattenConjunction(condition, conjuncts);
    List<RowSelector> selectors = new ArrayList<>(conjuncts.size());
    for (Expression conjunct : conjuncts) {
      selectors.add(compileConjunct(conjunct));
    }
    return selectors.size() == 1 ? selectors.get(0) : new RowSelector.Conjunction(selectors);
  }

  private static void flattenConjunction(Expression condition, List<Expression> out) {
    if (condition instanceof And and) {
      flattenConjunction(and.left(), out);
      flattenConjunction(and.right(), out);
    } else {
      out.add(condition);
    }
  }

  private static RowSelector compileConjunct(Expression conjunct) {
    if (conjunct instanceof Comparison comparison) {
      RowSelector direct = columnVersusConstant(comparison.operator(), comparison.left(), comparison.right());
      if (direct == null) {
        direct = columnVersusConstant(comparison.operator().flip(), comparison.right(), comparison.left());
      }
      if (direct != null) {
        return direct;
      }
    }
    return new RowSelector.Evaluated(ExpressionCompiler.compile(conjunct));
  }

  /** A direct selector for {@code column op constant}, or null when the shape or type does not fit. */
  private static RowSelector columnVersusConstant(ComparisonOperator operator, Expression column, Expression constant) {
    if (!(column instanceof BoundReference reference)) {
      return null;
    }
    // Literals and subtrees of literals (the analyzer's casts of date strings) fold to a constant.
    if (!(ExpressionCompiler.compile(constant) instanceof ConstantExpression folded) || folded.value() == null) {
      return null;
    }
    ColumnType type = reference.type();
    if (!folded.type().equals(type)) {
      return null;
    }
    return switch (type.kind()) {
      case INT, DATE -> new RowSelector.IntColumnComparison(operator, reference.ordinal(), type, (Integer) folded.value());
      case LONG, TIMESTAMP -> new RowSelector.LongColumnComparison(operator, reference.ordinal(), type, (Long) folded.value());
      // A compact DECIMAL is its unscaled long: compared with a constant of the same scale, a long compare.
      case DECIMAL -> DecimalTypes.isCompact(type) && folded.value() instanceof BigDecimal decimal
          && decimal.scale() == type.scale()
          ? new RowSelector.LongColumnComparison(operator, reference.ordinal(), type, DecimalTypes.unscaledLong(decimal))
          : null;
      case BOOLEAN, DOUBLE, STRING -> null;
    };
  }

  /** Column {@code ordinal} of a batch, checked against the type it was bound with. */
  static ColumnVector column(Batch batch, int ordinal, ColumnType type) {
    if (ordinal >= batch.columnCount()) {
      throw new IllegalStateException(
          "input[" + ordinal + "] is out of range: the batch has " + batch.columnCount() + " columns");
    }
    ColumnVector column = batch.column(ordinal);
    if (!column.type().equals(type)) {
      throw new IllegalStateException("input[" + ordinal + "] was bound as " + type + " but the batch holds " + column.type());
    }
    return column;
  }

  /** Removes from {@code rows[0..count)} the positions that are null in {@code nulls}; returns the new count. */
  static int dropNulls(boolean[] nulls, int[] rows, int count) {
    if (nulls == null) {
      return count;
    }
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows[j];
      rows[kept] = row;
      kept += nulls[row] ? 0 : 1;
    }
    return kept;
  }

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
