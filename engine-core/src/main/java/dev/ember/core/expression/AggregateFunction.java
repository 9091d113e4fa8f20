package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An aggregate call such as {@code sum(x)}. Its result type follows Spark: count is LONG, sum of
 * integers is LONG and of doubles DOUBLE, avg is DOUBLE, min/max/first keep the argument's type;
 * sum of a DECIMAL(p,s) is DECIMAL(min(38, p + 10), s) and avg DECIMAL(min(38, p + 4), min(38, s + 4)).
 *
 * <p>A two-phase aggregate keeps a partial state per group between its phases; {@link
 * #stateTypes()} is the state's column layout that crosses the shuffle.
 */
public record AggregateFunction(AggregateKind kind, List<Expression> arguments, ColumnType resultType) {
  // Written out, not generated: a record's equals and hashCode run through method handles (see
  // ColumnType), and a stage's plan is hashed and compared once per query (StagePlans).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof AggregateFunction that
        && Objects.equals(kind, that.kind)
        && Objects.equals(arguments, that.arguments)
        && Objects.equals(resultType, that.resultType);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(kind);
    hash = 31 * hash + Objects.hashCode(arguments);
    hash = 31 * hash + Objects.hashCode(resultType);
    return hash;
  }

  public AggregateFunction {
    Objects.requireNonNull(kind, "kind is null");
    arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments is null"));
    Objects.requireNonNull(resultType, "resultType is null");
    int expected = switch (kind) {
      case COUNT_ROWS -> 0;
      case COUNT, COUNT_DISTINCT -> -1;
      case SUM, AVG, MIN, MAX, FIRST, SINGLE_VALUE -> 1;
    };
    if ((expected >= 0 && arguments.size() != expected) || (expected < 0 && arguments.isEmpty())) {
      throw new IllegalArgumentException(kind + " takes " + (expected < 0 ? "one or more" : expected) + " arguments, got " + arguments);
    }
  }

  /** The call with Spark's result type for its arguments; checks that the arguments fit. */
  public static AggregateFunction of(AggregateKind kind, List<Expression> arguments) {
    return new AggregateFunction(kind, arguments, resultTypeOf(kind, arguments));
  }

  public static ColumnType resultTypeOf(AggregateKind kind, List<Expression> arguments) {
    return switch (kind) {
      case COUNT_ROWS, COUNT, COUNT_DISTINCT -> ColumnType.LONG;
      case SUM -> {
        ColumnType argument = arguments.get(0).type();
        if (!argument.isNumeric()) {
          throw new IllegalArgumentException("sum needs a numeric argument, got " + argument);
        }
        if (argument.kind() == TypeKind.DECIMAL) {
          yield DecimalTypes.sumType(argument);
        }
        yield argument.kind() == TypeKind.DOUBLE ? ColumnType.DOUBLE : ColumnType.LONG;
      }
      case AVG -> {
        ColumnType argument = arguments.get(0).type();
        if (!argument.isNumeric()) {
          throw new IllegalArgumentException("avg needs a numeric argument, got " + argument);
        }
        yield argument.kind() == TypeKind.DECIMAL ? DecimalTypes.averageType(argument) : ColumnType.DOUBLE;
      }
      case MIN, MAX, FIRST, SINGLE_VALUE -> arguments.get(0).type();
    };
  }

  /** Whether the result can be null: counts never are; the others are null on empty or all-null input. */
  public boolean nullable() {
    return switch (kind) {
      case COUNT_ROWS, COUNT, COUNT_DISTINCT -> false;
      case SUM, AVG, MIN, MAX, FIRST, SINGLE_VALUE -> true;
    };
  }

  /**
   * The columns of the partial state between a PARTIAL and a FINAL aggregate: counts keep a LONG;
   * sum keeps its result type; avg keeps a DOUBLE sum and a LONG count; min and max keep the
   * value; first keeps the value and a BOOLEAN "seen" flag. COUNT_DISTINCT has no partial state:
   * the planner runs it in COMPLETE mode after a shuffle. Decimals keep Spark's states: sum keeps
   * its sum and a BOOLEAN {@code isEmpty} (a null sum of a non-empty group is an overflow), avg
   * keeps a DECIMAL(min(38, p + 10), s) sum and a LONG count.
   *
   * <p>The states depend on the result type only (a FINAL aggregate's argument is the first state).
   * The avg sum type is recovered from the result: p = P - 4, s = S - 4; when S is 38 (s >= 34),
   * s is taken as 34.
   */
  public List<ColumnType> stateTypes() {
    boolean decimal = resultType.kind() == TypeKind.DECIMAL;
    return switch (kind) {
      case COUNT_ROWS, COUNT -> List.of(ColumnType.LONG);
      case SUM -> decimal ? List.of(resultType, ColumnType.BOOLEAN) : List.of(resultType);
      case MIN, MAX -> List.of(resultType);
      case AVG -> decimal
          ? List.of(DecimalTypes.bounded(resultType.precision() + 6, resultType.scale() - 4), ColumnType.LONG)
          : List.of(ColumnType.DOUBLE, ColumnType.LONG);
      case FIRST, SINGLE_VALUE -> List.of(resultType, ColumnType.BOOLEAN);
      case COUNT_DISTINCT -> throw new UnsupportedOperationException("COUNT_DISTINCT has no partial state");
    };
  }

  public boolean hasPartialState() {
    return kind != AggregateKind.COUNT_DISTINCT;
  }

  public AggregateFunction withArguments(List<Expression> newArguments) {
    return new AggregateFunction(kind, newArguments, resultType);
  }

  @Override
  public String toString() {
    String name = switch (kind) {
      case COUNT_ROWS -> "count(1)";
      case COUNT_DISTINCT -> "count(DISTINCT " + joined() + ")";
      default -> kind.name().toLowerCase(java.util.Locale.ROOT) + "(" + joined() + ")";
    };
    return name;
  }

  private String joined() {
    List<String> parts = new ArrayList<>();
    for (Expression argument : arguments) {
      parts.add(argument.toString());
    }
    return String.join(", ", parts);
  }
}
