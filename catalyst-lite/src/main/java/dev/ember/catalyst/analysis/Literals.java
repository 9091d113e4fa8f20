package dev.ember.catalyst.analysis;

import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Java values to typed literals in Ember's internal representation (DATE as epoch days, TIMESTAMP
 * as epoch microseconds, UTC). A Java {@code null} becomes {@link #UNTYPED_NULL}: the analyzer
 * gives it the type of the operand it meets, or leaves it STRING when nothing decides.
 */
final class Literals {
  /** The null literal whose type is not decided yet; recognized by identity, never by equals. */
  static final Literal UNTYPED_NULL = new Literal(null, ColumnType.STRING);

  private Literals() {}

  static boolean isUntypedNull(Object expression) {
    return expression == UNTYPED_NULL;
  }

  static Literal of(Object value) {
    return switch (value) {
      case null -> UNTYPED_NULL;
      case Integer integer -> Literal.of(integer.intValue());
      case Short shortValue -> Literal.of(shortValue.intValue());
      case Byte byteValue -> Literal.of(byteValue.intValue());
      case Long longValue -> Literal.of(longValue.longValue());
      // Through the decimal text, so 1.1f stays 1.1 and does not become 1.100000023841858.
      case Float floatValue -> Literal.of(Double.parseDouble(floatValue.toString()));
      case Double doubleValue -> Literal.of(doubleValue.doubleValue());
      case String text -> Literal.of(text);
      case Character character -> Literal.of(character.toString());
      case Boolean bool -> Literal.of(bool.booleanValue());
      case java.math.BigDecimal decimal -> decimal(decimal);
      case LocalDate date -> date(date);
      case java.sql.Date date -> date(date.toLocalDate());
      case java.sql.Timestamp timestamp -> timestamp(timestamp.toInstant());
      case Instant instant -> timestamp(instant);
      case LocalDateTime dateTime -> timestamp(dateTime.toInstant(ZoneOffset.UTC));
      default -> throw new AnalysisFailure("[UNSUPPORTED_FEATURE.LITERAL_TYPE] Literal for '" + value + "' of "
          + value.getClass().getName() + " is not supported: use null, a number, a BigDecimal, a String, a Boolean,"
          + " a LocalDate or an Instant.");
    };
  }

  /** Spark's {@code lit(BigDecimal)}: DECIMAL of the value's own precision and scale. */
  private static Literal decimal(java.math.BigDecimal value) {
    try {
      return Literal.of(value);
    } catch (IllegalArgumentException tooWide) {
      throw new AnalysisFailure("[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] The decimal literal " + value.toPlainString()
          + " needs more than 38 digits.");
    }
  }

  private static Literal date(LocalDate date) {
    long epochDay = date.toEpochDay();
    if (epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE) {
      throw new AnalysisFailure("The date literal " + date + " is out of the DATE range.");
    }
    return new Literal((int) epochDay, ColumnType.DATE);
  }

  private static Literal timestamp(Instant instant) {
    try {
      long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
      return new Literal(micros, ColumnType.TIMESTAMP);
    } catch (ArithmeticException overflow) {
      throw new AnalysisFailure("The timestamp literal " + instant + " is out of the TIMESTAMP range.");
    }
  }
}
