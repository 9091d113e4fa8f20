package dev.ember.core.expression.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A SQL LIKE pattern compiled once: {@code _} is one character, {@code %} any run, a backslash
 * makes the next {@code _}, {@code %} or backslash literal (Spark rejects a backslash before
 * anything else, or at the end). Common shapes skip the regex: {@code abc} is equality,
 * {@code abc%} a prefix, {@code %abc} a suffix, {@code %abc%} a substring.
 */
final class LikePattern {
  enum Shape {
    EQUALS,
    STARTS_WITH,
    ENDS_WITH,
    CONTAINS,
    ANYTHING,
    REGEX
  }

  private final Shape shape;
  private final String literal;
  private final Pattern regex;

  private LikePattern(Shape shape, String literal, Pattern regex) {
    this.shape = shape;
    this.literal = literal;
    this.regex = regex;
  }

  Shape shape() {
    return shape;
  }

  /** The literal text of the non-regex shapes; null for REGEX. */
  String literal() {
    return literal;
  }

  static LikePattern compile(String pattern) {
    // Tokens: a literal run (String), or the wildcards as the Characters '_' and '%'.
    List<Object> tokens = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char character = pattern.charAt(i);
      if (character == '\\') {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException(
              "invalid LIKE pattern '" + pattern + "': it is not allowed to end with the escape character");
        }
        char escaped = pattern.charAt(++i);
        if (escaped != '_' && escaped != '%' && escaped != '\\') {
          throw new IllegalArgumentException("invalid LIKE pattern '" + pattern
              + "': the escape character is not allowed to precede '" + escaped + "'");
        }
        run.append(escaped);
      } else if (character == '_' || character == '%') {
        if (!run.isEmpty()) {
          tokens.add(run.toString());
          run.setLength(0);
        }
        // Consecutive % are one %.
        if (character == '_' || tokens.isEmpty() || !Character.valueOf('%').equals(tokens.get(tokens.size() - 1))) {
          tokens.add(character);
        }
      } else {
        run.append(character);
      }
    }
    if (!run.isEmpty() || tokens.isEmpty()) {
      tokens.add(run.toString());
    }
    Object percent = '%';
    if (!tokens.contains('_')) {
      if (tokens.size() == 1) {
        return tokens.get(0) instanceof String text
            ? new LikePattern(Shape.EQUALS, text, null)
            : new LikePattern(Shape.ANYTHING, "", null);
      }
      if (tokens.size() == 2 && tokens.get(0) instanceof String text && percent.equals(tokens.get(1))) {
        return new LikePattern(Shape.STARTS_WITH, text, null);
      }
      if (tokens.size() == 2 && percent.equals(tokens.get(0)) && tokens.get(1) instanceof String text) {
        return new LikePattern(Shape.ENDS_WITH, text, null);
      }
      if (tokens.size() == 3 && percent.equals(tokens.get(0)) && tokens.get(1) instanceof String text
          && percent.equals(tokens.get(2))) {
        return new LikePattern(Shape.CONTAINS, text, null);
      }
    }
    StringBuilder expression = new StringBuilder();
    for (Object token : tokens) {
      if (token instanceof String text) {
        expression.append(Pattern.quote(text));
      } else {
        expression.append(percent.equals(token) ? ".*" : ".");
      }
    }
    // DOTALL: '_' and '%' match line breaks too, as in Spark.
    return new LikePattern(Shape.REGEX, null, Pattern.compile(expression.toString(), Pattern.DOTALL));
  }

  boolean matches(String text) {
    return switch (shape) {
      case EQUALS -> text.equals(literal);
      case STARTS_WITH -> text.startsWith(literal);
      case ENDS_WITH -> text.endsWith(literal);
      case CONTAINS -> text.contains(literal);
      case ANYTHING -> true;
      case REGEX -> regex.matcher(text).matches();
    };
  }
}
