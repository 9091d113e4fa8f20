package dev.ember.sql.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small recursive-descent parser of schema DDL ({@code a INT, b STRING NOT NULL}) and of type
 * names. Errors name the position and what was expected, as Spark's parser does.
 */
final class DdlParser {
  private final String text;
  private int position;

  private DdlParser(String text) {
    this.text = text;
  }

  static StructType parseSchema(String ddl) {
    java.util.Objects.requireNonNull(ddl, "ddl is null");
    DdlParser parser = new DdlParser(ddl);
    List<StructField> fields = new ArrayList<>();
    parser.skipSpaces();
    if (parser.atEnd()) {
      return new StructType();
    }
    while (true) {
      fields.add(parser.field());
      parser.skipSpaces();
      if (parser.atEnd()) {
        break;
      }
      parser.expect(',');
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  static DataType parseType(String typeName) {
    java.util.Objects.requireNonNull(typeName, "typeName is null");
    DdlParser parser = new DdlParser(typeName);
    parser.skipSpaces();
    DataType type = parser.type();
    parser.skipSpaces();
    if (!parser.atEnd()) {
      throw parser.error("end of input");
    }
    return type;
  }

  static String quoteIfNeeded(String name) {
    boolean plain = !name.isEmpty() && !Character.isDigit(name.charAt(0));
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = Character.isLetterOrDigit(c) || c == '_';
    }
    return plain ? name : "`" + name.replace("`", "``") + "`";
  }

  private StructField field() {
    skipSpaces();
    String name = identifier();
    skipSpaces();
    if (peek() == ':') {
      position++;
      skipSpaces();
    }
    DataType type = type();
    boolean nullable = true;
    skipSpaces();
    if (nextWordIs("NOT")) {
      word();
      skipSpaces();
      int nullAt = position;
      String next = word();
      if (!next.equalsIgnoreCase("NULL")) {
        position = nullAt;
        throw error("NULL after NOT");
      }
      nullable = false;
      skipSpaces();
    }
    if (nextWordIs("COMMENT")) {
      word();
      skipSpaces();
      stringLiteral();
    }
    return new StructField(name, type, nullable);
  }

  private DataType type() {
    int start = position;
    String name = word();
    if (name.isEmpty()) {
      throw error("a type name (BOOLEAN, INT, BIGINT, DOUBLE, STRING, DATE, TIMESTAMP)");
    }
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "BOOLEAN" -> DataTypes.BooleanType;
      case "INT", "INTEGER" -> DataTypes.IntegerType;
      case "BIGINT", "LONG" -> DataTypes.LongType;
      case "DOUBLE" -> DataTypes.DoubleType;
      case "STRING" -> DataTypes.StringType;
      case "DATE" -> DataTypes.DateType;
      case "TIMESTAMP" -> DataTypes.TimestampType;
      case "DECIMAL", "DEC", "NUMERIC" -> decimalArguments(start);
      default -> {
        position = start;
        throw new DataTypeParseException(
            "[UNSUPPORTED_DATATYPE] Unsupported data type \"" + name.toUpperCase(Locale.ROOT) + "\" at position "
                + start + " of '" + text + "'; supported: BOOLEAN, INT/INTEGER, BIGINT/LONG, DOUBLE, STRING, DATE,"
                + " TIMESTAMP, DECIMAL(p,s).",
            start);
      }
    };
  }

  private String identifier() {
    if (peek() == '`') {
      int start = position;
      position++;
      StringBuilder name = new StringBuilder();
      while (true) {
        if (atEnd()) {
          position = start;
          throw error("a closing back-quote for the name starting");
        }
        char c = text.charAt(position++);
        if (c == '`') {
          if (peek() == '`') {
            name.append('`');
            position++;
          } else {
            return name.toString();
          }
        } else {
          name.append(c);
        }
      }
    }
    String name = word();
    if (name.isEmpty()) {
      throw error("a column name");
    }
    return name;
  }

  /** {@code DECIMAL} alone is DECIMAL(10,0); {@code DECIMAL(p)} is DECIMAL(p,0); {@code DECIMAL(p, s)}. */
  private DecimalType decimalArguments(int start) {
    skipSpaces();
    if (peek() != '(') {
      return DecimalType.USER_DEFAULT;
    }
    position++;
    int precision = integer("a decimal precision");
    int scale = 0;
    skipSpaces();
    if (peek() == ',') {
      position++;
      scale = integer("a decimal scale");
      skipSpaces();
    }
    expect(')');
    try {
      return new DecimalType(precision, scale);
    } catch (IllegalArgumentException invalid) {
      throw new DataTypeParseException(invalid.getMessage() + " (position " + start + " of '" + text + "')", start);
    }
  }

  private int integer(String what) {
    skipSpaces();
    int start = position;
    while (!atEnd() && Character.isDigit(text.charAt(position))) {
      position++;
    }
    if (start == position || position - start > 3) {
      position = start;
      throw error(what);
    }
    return Integer.parseInt(text.substring(start, position));
  }

  private String word() {
    int start = position;
    while (!atEnd() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    return text.substring(start, position);
  }

  private boolean nextWordIs(String keyword) {
    int start = position;
    String next = word();
    position = start;
    return next.equalsIgnoreCase(keyword);
  }

  private void stringLiteral() {
    char quote = peek();
    if (quote != '\'' && quote != '"') {
      throw error("a quoted comment");
    }
    int start = position;
    position++;
    while (!atEnd() && text.charAt(position) != quote) {
      position += text.charAt(position) == '\\' ? 2 : 1;
    }
    if (atEnd()) {
      position = start;
      throw error("a closing quote for the comment starting");
    }
    position++;
  }

  private void expect(char expected) {
    if (peek() != expected) {
      throw error("'" + expected + "'");
    }
    position++;
  }

  private char peek() {
    return atEnd() ? '\0' : text.charAt(position);
  }

  private boolean atEnd() {
    return position >= text.length();
  }

  private void skipSpaces() {
    while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private DataTypeParseException error(String expected) {
    String near = atEnd() ? "end of input" : "'" + text.substring(position, Math.min(text.length(), position + 10)) + "'";
    return new DataTypeParseException(
        "[PARSE_SYNTAX_ERROR] Syntax error at or near " + near + " (position " + position + " of '" + text
            + "'): expected " + expected + ".",
        position);
  }
}
