package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code value IN (list...)} with SQL's null rules: true on a match; otherwise null when the value
 * or any list element is null; otherwise false. All have one type.
 */
public record In(Expression value, List<Expression> list) implements Expression {
  public In {
    Objects.requireNonNull(value, "value is null");
    list = List.copyOf(Objects.requireNonNull(list, "list is null"));
    for (Expression element : list) {
      if (!element.type().equals(value.type())) {
        throw new IllegalArgumentException("IN list elements must have the value's type " + value.type() + ": " + list);
      }
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return value.nullable() || list.stream().anyMatch(Expression::nullable);
  }

  /** The value, then the list. */
  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(list.size() + 1);
    children.add(value);
    children.addAll(list);
    return children;
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new In(children.get(0), children.subList(1, children.size()));
  }

  @Override
  public String toString() {
    return value + " IN (" + String.join(", ", list.stream().map(Object::toString).toList()) + ")";
  }
}
