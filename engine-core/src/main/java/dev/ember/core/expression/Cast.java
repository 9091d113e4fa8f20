package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * Converts the child to {@code type} with Spark's non-ANSI rules: a string that is not a number
 * becomes null, "3.7" to INT gives 3, LONG to INT wraps, DOUBLE to INT truncates toward zero
 * (NaN gives 0, out of range saturates), TIMESTAMP to DATE drops the time of day (UTC).
 */
public record Cast(Expression child, ColumnType type) implements Expression {
  public Cast {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(type, "type is null");
  }

  @Override
  public boolean nullable() {
    // Casting from a string, or between date and number kinds, can fail and yield null.
    return child.nullable() || !child.type().equals(type);
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Cast(children.get(0), type);
  }

  @Override
  public String toString() {
    return "cast(" + child + " as " + type + ")";
  }
}
