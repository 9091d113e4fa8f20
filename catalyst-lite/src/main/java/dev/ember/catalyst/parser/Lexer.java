package dev.ember.catalyst.parser;

import dev.ember.catalyst.parser.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL statement into tokens, each with its line and column. Skips whitespace and
 * comments ({@code -- ...} and {@code /* ... *}{@code /}); strings are single- or double-quoted
 * with backslash escapes and doubled quotes, as in Spark; identifiers may be backquoted.
 * Numbers keep their suffix ({@code 1L}, {@code 1.5D}, {@code 1E3}) for the parser to interpret.
 */
public final class Lexer {
  private static final List<String> TWO_CHARACTER_SYMBOLS = List.of("<=", ">=", "<>", "!=", "==", "||");

  private final String sql;
  private int position;
  private int line = 1;
  private int lineStart;

  private Lexer(String sql) {
    this.sql = sql;
  }

  /** The tokens of {@code sql}, ending with one {@link Kind#END} token. */
  public static List<Token> tokenize(String sql) {
    return new Lexer(sql).run();
  }

  private List<Token> run() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpaceAndComments();
      if (position >= sql.length()) {
        tokens.add(new Token(Kind.END, "", line, column(position), position));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = position;
    int startLine = line;
    int startColumn = column(start);
    char current = sql.charAt(position);
    if (current == '\'' || current == '"') {
      return new Token(Kind.STRING, quoted(current, startLine, startColumn), startLine, startColumn, start);
    }
    if (current == '`') {
      return new Token(Kind.QUOTED_IDENTIFIER, quoted('`', startLine, startColumn), startLine, startColumn, start);
    }
    if (Character.isDigit(current) || (current == '.' && position + 1 < sql.length()
        && Character.isDigit(sql.charAt(position + 1)))) {
      return new Token(Kind.NUMBER, number(), startLine, startColumn, start);
    }
    if (Character.isLetter(current) || current == '_') {
      while (position < sql.length() && (Character.isLetterOrDigit(sql.charAt(position)) || sql.charAt(position) == '_')) {
        position++;
      }
      return new Token(Kind.IDENTIFIER, sql.substring(start, position), startLine, startColumn, start);
    }
    if (position + 1 < sql.length() && TWO_CHARACTER_SYMBOLS.contains(sql.substring(position, position + 2))) {
      position += 2;
      return new Token(Kind.SYMBOL, sql.substring(start, position), startLine, startColumn, start);
    }
    if ("(),.;*+-/%=<>".indexOf(current) >= 0) {
      position++;
      return new Token(Kind.SYMBOL, String.valueOf(current), startLine, startColumn, start);
    }
    throw new SqlParseException(sql, startLine, startColumn, "'" + current + "'", "a token");
  }

  private String number() {
    int start = position;
    while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
      position++;
    }
    if (position < sql.length() && sql.charAt(position) == '.') {
      position++;
      while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
        position++;
      }
    }
    if (position < sql.length() && (sql.charAt(position) == 'e' || sql.charAt(position) == 'E')) {
      int exponent = position + 1;
      if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
        position = exponent;
        while (position < sql.length() && Character.isDigit(sql.charAt(position))) {
          position++;
        }
      }
    }
    // A suffix (L, D, BD, S, Y, F) belongs to the number; the parser rejects unknown ones.
    while (position < sql.length() && (Character.isLetter(sql.charAt(position)))) {
      position++;
    }
    return sql.substring(start, position);
  }

  private String quoted(char quote, int startLine, int startColumn) {
    StringBuilder value = new StringBuilder();
    position++;
    while (position < sql.length()) {
      char current = sql.charAt(position);
      if (current == quote) {
        if (position + 1 < sql.length() && sql.charAt(position + 1) == quote) {
          value.append(quote);
          position += 2;
          continue;
        }
        position++;
        return value.toString();
      }
      if (current == '\\' && quote != '`' && position + 1 < sql.length()) {
        char escaped = sql.charAt(position + 1);
        value.append(switch (escaped) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'r' -> '\r';
          case '0' -> '\0';
          default -> escaped;
        });
        position += 2;
        continue;
      }
      if (current == '\n') {
        line++;
        lineStart = position + 1;
      }
      value.append(current);
      position++;
    }
    throw new SqlParseException(sql, startLine, startColumn, "end of input",
        "the closing " + quote + " of the " + (quote == '`' ? "identifier" : "string") + " started here");
  }

  private void skipSpaceAndComments() {
    while (position < sql.length()) {
      char current = sql.charAt(position);
      if (current == '\n') {
        line++;
        position++;
        lineStart = position;
      } else if (Character.isWhitespace(current)) {
        position++;
      } else if (sql.startsWith("--", position)) {
        while (position < sql.length() && sql.charAt(position) != '\n') {
          position++;
        }
      } else if (sql.startsWith("/*", position)) {
        int end = sql.indexOf("*/", position + 2);
        if (end < 0) {
          throw new SqlParseException(sql, line, column(position), "end of input", "the end of the comment '*/'");
        }
        for (int i = position; i < end; i++) {
          if (sql.charAt(i) == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        position = end + 2;
      } else {
        return;
      }
    }
  }

  private int column(int offset) {
    return offset - lineStart + 1;
  }
}
