package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** {@code year}, {@code month} or {@code dayofmonth} of a DATE, as INT. */
public record DatePart(DateField field, Expression child) implements Expression {
  public DatePart {
    Objects.requireNonNull(field, "field is null");
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    return ColumnType.INT;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new DatePart(field, children.get(0));
  }

  @Override
  public String toString() {
    return field.name().toLowerCase(java.util.Locale.ROOT).replace("_", "") + "(" + child + ")";
  }
}
