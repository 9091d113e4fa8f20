package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * Rounds HALF_UP to {@code scale} decimal places (negative scales round to tens, hundreds, ...);
 * the result has the child's type, as Spark's {@code round}, except for a DECIMAL(p,s): then it
 * is DECIMAL(p - s + 1 + min(s, scale), min(s, scale)) for a scale >= 0 and
 * DECIMAL(max(p - s + 1, 1 - scale), 0) below (precision capped at 38), Spark's {@code RoundBase}.
 */
public record Round(Expression child, int scale) implements Expression {
  public Round {
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public ColumnType type() {
    ColumnType type = child.type();
    if (type.kind() != dev.ember.core.types.TypeKind.DECIMAL) {
      return type;
    }
    int integralDigits = type.precision() - type.scale() + 1;
    if (scale < 0) {
      return ColumnType.decimal(Math.min(Math.max(integralDigits, 1 - scale), 38), 0);
    }
    int newScale = Math.min(type.scale(), scale);
    return ColumnType.decimal(Math.min(integralDigits + newScale, 38), newScale);
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
    return new Round(children.get(0), scale);
  }

  @Override
  public String toString() {
    return "round(" + child + ", " + scale + ")";
  }
}
