package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.And;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.math.BigDecimal;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
   * DATE, LONG, TIMESTAMP, compact DECIMAL or DOUBLE column with a constant (not NaN) write
   * positions directly; anything else runs its vector kernel.
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
    if (!condition.deterministic()) {
      // A non-deterministic conjunct keeps the rows written order gives it (Spark's rule): no merging, no reordering.
      return selectors.size() == 1 ? selectors.get(0) : new RowSelector.Conjunction(selectors);
    }
    mergeRanges(selectors);
    // Direct selectors first: they cost a compare a row and never fail, and every conjunct after
    // them sees fewer rows (a condition kernel never sees more rows than written order gives it).
    List<RowSelector> ordered = new ArrayList<>(selectors.size());
    for (int rank = 0; rank < 3; rank++) {
      for (RowSelector selector : selectors) {
        if (rank(selector) == rank) {
          ordered.add(selector);
        }
      }
    }
    return ordered.size() == 1 ? ordered.get(0) : new RowSelector.Conjunction(ordered);
  }

  /** 0: a compare or a validity test a row; 1: a lookup a row after a kernel over a dictionary; 2: a kernel over rows. */
  private static int rank(RowSelector selector) {
    return switch (selector) {
      case RowSelector.IntColumnComparison comparison -> 0;
      case RowSelector.LongColumnComparison comparison -> 0;
      case RowSelector.DoubleColumnComparison comparison -> 0;
      case RowSelector.IntColumnRange range -> 0;
      case RowSelector.LongColumnRange range -> 0;
      case RowSelector.NotNullColumn notNull -> 0;
      case RowSelector.DictionaryCondition condition -> 1;
      case RowSelector.Evaluated evaluated -> 2;
      case RowSelector.Conjunction conjunction -> 2;
    };
  }

  /** {@code verdicts} as "keep": true where the value is true and not null. */
  static boolean[] trueAndNotNull(BooleanVector verdicts) {
    int size = verdicts.size();
    boolean[] values = verdicts.values;
    boolean[] nulls = verdicts.nulls;
    boolean[] keep = new boolean[size];
    for (int i = 0; i < size; i++) {
      keep[i] = values[i] && (nulls == null || !nulls[i]);
    }
    return keep;
  }

  /**
   * Replaces a lower and an upper bound on the same column ({@code d >= x AND d < y}, in either
   * order, anywhere in the conjunction) by one range selector at the first one's place. Bounds whose
   * range is empty, or that cannot be made inclusive without overflow, stay as they are.
   */
  private static void mergeRanges(List<RowSelector> selectors) {
    for (int i = 0; i < selectors.size(); i++) {
      for (int j = i + 1; j < selectors.size(); j++) {
        RowSelector range = range(selectors.get(i), selectors.get(j));
        if (range != null) {
          selectors.set(i, range);
          selectors.remove(j);
          break;
        }
      }
    }
  }

  private static RowSelector range(RowSelector first, RowSelector second) {
    if (first instanceof RowSelector.IntColumnComparison a && second instanceof RowSelector.IntColumnComparison b
        && a.ordinal() == b.ordinal() && a.type().equals(b.type())) {
      long[] bounds = inclusiveBounds(a.operator(), a.constant(), b.operator(), b.constant());
      return bounds == null || bounds[0] > bounds[1] || bounds[0] < Integer.MIN_VALUE || bounds[1] > Integer.MAX_VALUE
          ? null : new RowSelector.IntColumnRange(a.ordinal(), a.type(), (int) bounds[0], (int) bounds[1]);
    }
    if (first instanceof RowSelector.LongColumnComparison a && second instanceof RowSelector.LongColumnComparison b
        && a.ordinal() == b.ordinal() && a.type().equals(b.type())) {
      long[] bounds = inclusiveBounds(a.operator(), a.constant(), b.operator(), b.constant());
      return bounds == null || bounds[0] > bounds[1]
          ? null : new RowSelector.LongColumnRange(a.ordinal(), a.type(), bounds[0], bounds[1]);
    }
    return null;
  }

  /** {lowest, highest} inclusive for one lower and one upper bound, or null (not such a pair, or overflow). */
  private static long[] inclusiveBounds(ComparisonOperator firstOperator, long first, ComparisonOperator secondOperator, long second) {
    Long firstLowest = lowest(firstOperator, first);
    Long firstHighest = highest(firstOperator, first);
    Long secondLowest = lowest(secondOperator, second);
    Long secondHighest = highest(secondOperator, second);
    if (firstLowest != null && secondHighest != null) {
      return new long[] {firstLowest, secondHighest};
    }
    if (secondLowest != null && firstHighest != null) {
      return new long[] {secondLowest, firstHighest};
    }
    return null;
  }

  /** The inclusive lowest value a lower bound keeps; null for another operator or when none is kept. */
  private static Long lowest(ComparisonOperator operator, long constant) {
    return switch (operator) {
      case GREATER_THAN_OR_EQUAL -> constant;
      case GREATER_THAN -> constant == Long.MAX_VALUE ? null : constant + 1;
      case EQUAL, NOT_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL -> null;
    };
  }

  /** The inclusive highest value an upper bound keeps; null for another operator or when none is kept. */
  private static Long highest(ComparisonOperator operator, long constant) {
    return switch (operator) {
      case LESS_THAN_OR_EQUAL -> constant;
      case LESS_THAN -> constant == Long.MIN_VALUE ? null : constant - 1;
      case EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> null;
    };
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
    if (conjunct instanceof IsNotNull notNull && notNull.child() instanceof BoundReference reference) {
      return new RowSelector.NotNullColumn(reference.ordinal(), reference.type());
    }
    if (conjunct instanceof Comparison comparison) {
      RowSelector direct = columnVersusConstant(comparison.operator(), comparison.left(), comparison.right());
      if (direct == null) {
        direct = columnVersusConstant(comparison.operator().flip(), comparison.right(), comparison.left());
      }
      if (direct != null) {
        return direct;
      }
    }
    RowSelector.Evaluated evaluated = new RowSelector.Evaluated(ExpressionCompiler.compile(conjunct));
    RowSelector overDictionary = overDictionary(conjunct, evaluated);
    return overDictionary != null ? overDictionary : evaluated;
  }

  /** A {@link RowSelector.DictionaryCondition} when {@code conjunct} reads one STRING column and nothing else; else null. */
  private static RowSelector overDictionary(Expression conjunct, RowSelector.Evaluated evaluated) {
    if (!conjunct.deterministic()) {
      return null; // once per entry would give every row of a value the same draw
    }
    Set<Integer> ordinals = new HashSet<>();
    List<BoundReference> references = new ArrayList<>();
    boolean[] callsUserCode = {false};
    Expressions.transformUp(conjunct, node -> {
      if (node instanceof BoundReference reference) {
        ordinals.add(reference.ordinal());
        references.add(reference);
      }
      callsUserCode[0] |= node instanceof UserFunctionCall;
      return node;
    });
    // A user function sees the rows' values only: run per entry, it would also see values of rows
    // that earlier conjuncts removed (and might throw on them).
    if (callsUserCode[0] || ordinals.size() != 1 || references.get(0).type().kind() != TypeKind.STRING) {
      return null;
    }
    BoundReference column = references.get(0);
    Expression rebound = Expressions.transformUp(conjunct, node -> node instanceof BoundReference reference
        ? new BoundReference(0, reference.type(), true) : node);
    VectorExpression overEntries = ExpressionCompiler.compile(rebound);
    ColumnVector nullString = ColumnVector.allNulls(column.type(), 1);
    boolean keepsNull = trueAndNotNull((BooleanVector) VectorExpression.dispatch(overEntries, new Batch(new ColumnVector[] {nullString}, 1)))[0];
    return new RowSelector.DictionaryCondition(column.ordinal(), column.type(), overEntries, keepsNull, evaluated);
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
      case DOUBLE -> folded.value() instanceof Double value && !value.isNaN()
          ? new RowSelector.DoubleColumnComparison(operator, reference.ordinal(), type, value)
          : null;
      case BOOLEAN, STRING -> null;
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
