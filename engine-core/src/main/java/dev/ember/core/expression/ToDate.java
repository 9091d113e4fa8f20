package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A STRING (or TIMESTAMP, or DATE) to DATE. With a format, parses with that pattern
 * ({@link java.time.format.DateTimeFormatter} letters, as Spark 3); without one, as a cast. A
 * string that does not parse gives null. The format is {@code null} when none was given.
 */
public record ToDate(Expression child, String format) implements Expression {
  public ToDate {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.DATE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new ToDate(children.get(0), format);
  }

  @Override
  public String toString() {
    return format == null ? "to_date(" + child + ")" : "to_date(" + child + ", '" + format + "')";
  }
}
