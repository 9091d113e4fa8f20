package dev.ember.catalyst.parser;

import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import java.util.Locale;

/**
 * Spark's numeric literal forms: {@code 1} (INT, or BIGINT when larger), {@code 1L}, {@code 1.5D},
 * {@code 1E3} (DOUBLE), {@code 1.5} and {@code 1.5BD} (DECIMAL of the digits written: DECIMAL(2,1)).
 */
final class LiteralParsing {
  private LiteralParsing() {}

  static LiteralValue number(String sql, Token token) {
    String text = token.text();
    String upper = text.toUpperCase(Locale.ROOT);
    try {
      if (upper.endsWith("BD")) {
        return decimal(sql, token, text.substring(0, text.length() - 2));
      }
      if (upper.endsWith("L")) {
        return new LiteralValue(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (upper.endsWith("D")) {
        return new LiteralValue(Double.parseDouble(text.substring(0, text.length() - 1)));
      }
      if (!upper.isEmpty() && Character.isLetter(upper.charAt(upper.length() - 1)) && !isExponentForm(upper)) {
        throw new SqlParseException(sql, token, "a number with a supported suffix: L (BIGINT) or D (DOUBLE)");
      }
      if (upper.indexOf('E') >= 0) {
        return new LiteralValue(Double.parseDouble(text));
      }
      if (upper.indexOf('.') >= 0) {
        // Spark reads 1.5 as DECIMAL(2,1), and one with more than 38 digits as a DOUBLE.
        java.math.BigDecimal value = new java.math.BigDecimal(text);
        return fitsDecimal(value) ? new LiteralValue(value) : new LiteralValue(Double.parseDouble(text));
      }
      long value = Long.parseLong(text);
      return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
          ? new LiteralValue((int) value)
          : new LiteralValue(value);
    } catch (NumberFormatException invalid) {
      throw new SqlParseException(sql, token, "a number that fits in a BIGINT or a DOUBLE");
    }
  }

  private static LiteralValue decimal(String sql, Token token, String digits) {
    java.math.BigDecimal value;
    try {
      value = new java.math.BigDecimal(digits);
    } catch (NumberFormatException invalid) {
      throw new SqlParseException(sql, token, "a decimal number before the BD suffix");
    }
    if (!fitsDecimal(value)) {
      throw new SqlParseException(sql, token, "a DECIMAL literal of at most 38 digits");
    }
    return new LiteralValue(value.scale() < 0 ? value.setScale(0) : value);
  }

  private static boolean fitsDecimal(java.math.BigDecimal value) {
    java.math.BigDecimal normalized = value.scale() < 0 ? value.setScale(0) : value;
    return Math.max(normalized.precision(), normalized.scale()) <= 38;
  }

  private static boolean isExponentForm(String upper) {
    int exponent = upper.indexOf('E');
    return exponent > 0 && exponent < upper.length() - 1
        && upper.substring(exponent + 1).replace("-", "").replace("+", "").chars().allMatch(Character::isDigit);
  }

  /** {@code -literal} folded into the literal (so that {@code -2147483648} is an INT), or null when not numeric. */
  static LiteralValue negate(LiteralValue literal) {
    return switch (literal.value()) {
      case Integer value when value != Integer.MIN_VALUE -> new LiteralValue(-value);
      // 2147483648 is read as a BIGINT; negated it fits an INT again, as in Spark.
      case Long value when value == -(long) Integer.MIN_VALUE -> new LiteralValue(Integer.MIN_VALUE);
      case Long value when value != Long.MIN_VALUE -> new LiteralValue(-value);
      case Double value -> new LiteralValue(-value);
      case java.math.BigDecimal value -> new LiteralValue(value.negate());
      case null, default -> null;
    };
  }
}
