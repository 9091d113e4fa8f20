package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A constant in Ember's internal representation: Boolean, Integer (INT, DATE as epoch days),
 * Long (LONG, TIMESTAMP as epoch microseconds), Double, String, BigDecimal (DECIMAL, with exactly
 * the type's scale and at most its precision); {@code null} is the typed null.
 */
public record Literal(Object value, ColumnType type) implements Expression {
  // Written out, not generated: a record's equals and hashCode run through method handles (see ColumnType).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Literal that && Objects.equals(value, that.value) && Objects.equals(type, that.type);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(value) * 31 + Objects.hashCode(type);
  }

  public Literal {
    Objects.requireNonNull(type, "type is null");
    if (value != null) {
      boolean fits = switch (type.kind()) {
        case BOOLEAN -> value instanceof Boolean;
        case INT, DATE -> value instanceof Integer;
        case LONG, TIMESTAMP -> value instanceof Long;
        case DOUBLE -> value instanceof Double;
        case STRING -> value instanceof String;
        case DECIMAL -> value instanceof java.math.BigDecimal decimal
            && decimal.scale() == type.scale()
            && dev.ember.core.types.DecimalTypes.fitsPrecision(decimal.unscaledValue(), type.precision());
      };
      if (!fits) {
        throw new IllegalArgumentException(
            "a " + type + " literal cannot hold " + value.getClass().getSimpleName() + " " + value);
      }
    }
  }

  public static Literal of(int value) {
    return new Literal(value, ColumnType.INT);
  }

  public static Literal of(long value) {
    return new Literal(value, ColumnType.LONG);
  }

  public static Literal of(double value) {
    return new Literal(value, ColumnType.DOUBLE);
  }

  public static Literal of(boolean value) {
    return new Literal(value, ColumnType.BOOLEAN);
  }

  public static Literal of(String value) {
    return new Literal(value, ColumnType.STRING);
  }

  /** A DECIMAL literal of the value's own precision and scale (Spark's {@code lit(BigDecimal)}). */
  public static Literal of(java.math.BigDecimal value) {
    ColumnType type = dev.ember.core.types.DecimalTypes.forValue(value);
    return new Literal(value.scale() < 0 ? value.setScale(0) : value, type);
  }

  public static Literal nullOf(ColumnType type) {
    return new Literal(null, type);
  }

  @Override
  public boolean nullable() {
    return value == null;
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
    if (value == null) {
      return "null";
    }
    return switch (type.kind()) {
      case STRING -> "'" + value + "'";
      case DATE -> "DATE '" + java.time.LocalDate.ofEpochDay((Integer) value) + "'";
      case TIMESTAMP -> "TIMESTAMP '" + java.time.Instant.EPOCH.plus((Long) value, java.time.temporal.ChronoUnit.MICROS) + "'";
      case DECIMAL -> ((java.math.BigDecimal) value).toPlainString() + "BD";
      default -> value.toString();
    };
  }
}
