package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Column {@code ordinal} of the input batch: what an attribute becomes once planned. */
public record BoundReference(int ordinal, ColumnType type, boolean nullable) implements Expression {
  // Written out, not generated: a record's equals and hashCode run through method handles (see ColumnType).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof BoundReference that && ordinal == that.ordinal && nullable == that.nullable
        && Objects.equals(type, that.type);
  }

  @Override
  public int hashCode() {
    return (ordinal * 31 + Objects.hashCode(type)) * 31 + (nullable ? 1 : 0);
  }

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
