package dev.ember.catalyst.parser;

/**
 * One token of a SQL statement, with where it starts (line and column from 1, and the character
 * offset) so that errors can point at it.
 *
 * @param text the token as written (for a string or quoted identifier: its value, unquoted)
 */
public record Token(Kind kind, String text, int line, int column, int offset) {

  /** The kinds of tokens; keywords are {@link #IDENTIFIER}s and are recognized by the parser. */
  public enum Kind {
    IDENTIFIER,
    QUOTED_IDENTIFIER,
    STRING,
    NUMBER,
    SYMBOL,
    END
  }

  /** How the token reads in an error message: Spark quotes it, and names the end of input {@code end of input}. */
  public String describe() {
    return switch (kind) {
      case END -> "end of input";
      case STRING -> "'" + text + "'";
      case QUOTED_IDENTIFIER -> "`" + text + "`";
      case IDENTIFIER, NUMBER, SYMBOL -> "'" + text + "'";
    };
  }

  /** Whether this is the keyword {@code keyword} (an unquoted identifier, any case). */
  public boolean isKeyword(String keyword) {
    return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(keyword);
  }

  public boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }
}
