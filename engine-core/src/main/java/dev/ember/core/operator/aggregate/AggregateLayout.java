package dev.ember.core.operator.aggregate;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The column layout of one hash aggregate, shared by its table, its spilled runs and their merge:
 * the grouping key types, the aggregates and the mode. Output rows are the keys, then per aggregate
 * its partial states (PARTIAL) or its result (FINAL, COMPLETE); a sorted run's rows are the keys,
 * every aggregate's partial states and the key hash, sorted by (hash, keys).
 */
record AggregateLayout(AggregateMode mode, List<ColumnType> keyTypes, List<AggregateFunction> aggregates) {
  AggregateLayout {
    Objects.requireNonNull(mode, "mode is null");
    keyTypes = List.copyOf(keyTypes);
    aggregates = List.copyOf(aggregates);
  }

  int keyCount() {
    return keyTypes.size();
  }

  /** Fresh, empty accumulators, one per aggregate. */
  Accumulator[] newAccumulators() {
    Accumulator[] created = new Accumulator[aggregates.size()];
    for (int i = 0; i < created.length; i++) {
      created[i] = createAccumulator(aggregates.get(i));
    }
    return created;
  }

  private Accumulator createAccumulator(AggregateFunction function) {
    return switch (function.kind()) {
      case COUNT_ROWS, COUNT -> new CountAccumulator();
      case SUM -> function.resultType().kind() == TypeKind.DECIMAL
          ? DecimalSumAccumulator.sum(function.resultType())
          : new SumAccumulator(function.resultType());
      case AVG -> function.resultType().kind() == TypeKind.DECIMAL
          ? DecimalSumAccumulator.average(function.stateTypes().get(0), function.resultType())
          : new AverageAccumulator();
      case MIN -> new MinMaxAccumulator(function.resultType(), false);
      case MAX -> new MinMaxAccumulator(function.resultType(), true);
      case FIRST -> new FirstAccumulator(function.resultType(), false);
      case SINGLE_VALUE -> new FirstAccumulator(function.resultType(), true);
      case COUNT_DISTINCT -> {
        if (mode != AggregateMode.COMPLETE) {
          throw new IllegalArgumentException(
              function + " has no partial state and runs only in COMPLETE mode, not " + mode);
        }
        yield new CountDistinctAccumulator(function.arguments().stream().map(Expression::type).toList());
      }
    };
  }

  /** Groups {@code [from, to)} as output rows: {@code keys} (already those groups' keys), then states or results. */
  Batch output(List<ColumnVector> keys, Accumulator[] accumulators, int from, int to) {
    List<ColumnVector> columns = new ArrayList<>(keys);
    for (Accumulator accumulator : accumulators) {
      if (mode == AggregateMode.PARTIAL) {
        columns.addAll(List.of(accumulator.states(from, to)));
      } else {
        columns.add(accumulator.results(from, to));
      }
    }
    return new Batch(columns.toArray(ColumnVector[]::new), to - from);
  }

  /** The run layout: keys, then each aggregate's state columns, then the key hash (INT). */
  List<ColumnType> runTypes() {
    List<ColumnType> types = new ArrayList<>(keyTypes);
    for (AggregateFunction function : aggregates) {
      types.addAll(function.stateTypes());
    }
    types.add(ColumnType.INT);
    return types;
  }

  /** The order of a run, and the columns that make two run rows one group: the hash first, then the keys. */
  int[] runSortColumns() {
    int[] columns = new int[keyTypes.size() + 1];
    columns[0] = runTypes().size() - 1;
    for (int i = 0; i < keyTypes.size(); i++) {
      columns[i + 1] = i;
    }
    return columns;
  }
}
