package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Column {@code ordinal} of the input batch: what an attribute becomes once planned. */
public record BoundReference(int ordinal, ColumnType type, boolean nullable) implements Expression {
  public BoundReference {
    Objects.requireNonNull(type, "type is null");
    if (ordinal < 0) {
      throw new IllegalArgumentException("ordinal is negative: " + ordinal);
    }
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public String toString() {
    return "input[" + ordinal + "]";
  }
}
