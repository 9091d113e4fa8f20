package dev.ember.catalyst.parser;

import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import java.util.Locale;

/** Spark's numeric literal forms: {@code 1} (INT, or BIGINT when larger), {@code 1L}, {@code 1.5D}, {@code 1E3}, {@code 1.5}. */
final class LiteralParsing {
  private LiteralParsing() {}

  static LiteralValue number(String sql, Token token) {
    String text = token.text();
    String upper = text.toUpperCase(Locale.ROOT);
    try {
      if (upper.endsWith("BD")) {
        throw new SqlParseException(sql, token, "a number without the BD suffix (DECIMAL literals arrive with the"
            + " DECIMAL type)");
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
      if (upper.indexOf('.') >= 0 || upper.indexOf('E') >= 0) {
        // Spark reads 1.5 as a DECIMAL; until Ember has DECIMAL it is a DOUBLE.
        return new LiteralValue(Double.parseDouble(text));
      }
      long value = Long.parseLong(text);
      return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
          ? new LiteralValue((int) value)
          : new LiteralValue(value);
    } catch (NumberFormatException invalid) {
      throw new SqlParseException(sql, token, "a number that fits in a BIGINT or a DOUBLE");
    }
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
      case null, default -> null;
    };
  }
}
