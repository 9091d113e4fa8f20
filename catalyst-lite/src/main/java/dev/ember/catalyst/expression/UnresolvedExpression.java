package dev.ember.catalyst.expression;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An expression as the user wrote it, before names are resolved and types checked: what a
 * {@code Column} of the DataFrame DSL holds, and what the SQL parser will produce. The analyzer
 * turns it into a {@link dev.ember.core.expression.Expression} against a plan's output.
 */
public sealed interface UnresolvedExpression {

  /** A column by name: {@code a}, {@code t.a} (qualified by a relation alias), {@code *} or {@code t.*}. */
  record ColumnName(String name) implements UnresolvedExpression {
    public ColumnName {
      Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A column already bound to one plan's attribute ({@code df.col("x")}): it keeps meaning that
   * attribute in a join of two DataFrames that both have an {@code x}.
   */
  record BoundColumn(AttributeReference attribute) implements UnresolvedExpression {
    public BoundColumn {
      Objects.requireNonNull(attribute, "attribute is null");
    }

    @Override
    public String toString() {
      return attribute.name();
    }
  }

  /**
   * A Java value: null, Boolean, Integer, Long, Short, Byte, Float, Double, String,
   * java.time.LocalDate, java.time.Instant (and java.sql.Date / Timestamp).
   */
  record LiteralValue(Object value) implements UnresolvedExpression {
    @Override
    public String toString() {
      if (value instanceof java.math.BigDecimal decimal) {
        return decimal.toPlainString();
      }
      return value instanceof String text ? text : String.valueOf(value).toUpperCase(java.util.Locale.ROOT).equals("NULL") ? "NULL" : String.valueOf(value);
    }
  }

  /**
   * An operator or function call by its lower-case name: {@code + - * / % = != < <= > >= and or
   * not isnull isnotnull in between like startswith endswith contains coalesce upper lower length
   * abs concat substring round year month dayofmonth to_date date_add} and the aggregates {@code
   * count count_star count_distinct sum avg min max first}. Arguments that must be constants
   * (substring's position and length, round's scale, like's pattern, to_date's format, date_add's
   * days) are {@link LiteralValue}s.
   */
  record FunctionCall(String name, List<UnresolvedExpression> arguments) implements UnresolvedExpression {
    public FunctionCall {
      Objects.requireNonNull(name, "name is null");
      arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments is null"));
    }

    @Override
    public String toString() {
      return Display.call(name, arguments);
    }
  }

  /**
   * A user-defined function applied to arguments ({@code udf.apply(columns)} in the DSL; SQL calls a
   * registered one by name, a {@link FunctionCall} the analyzer looks up). The arguments reach the
   * function as they are, without implicit casts (a Java UDF declares no argument types).
   */
  record UserFunctionApplication(dev.ember.core.expression.UserFunction function, List<UnresolvedExpression> arguments)
      implements UnresolvedExpression {
    public UserFunctionApplication {
      Objects.requireNonNull(function, "function is null");
      arguments = List.copyOf(Objects.requireNonNull(arguments, "arguments is null"));
    }

    @Override
    public String toString() {
      return Display.call(function.name(), arguments);
    }
  }

  /** {@code CASE WHEN c THEN v ... ELSE otherwise END}; {@code otherwise} is null when absent. */
  record CaseWhenCall(List<UnresolvedExpression> conditions, List<UnresolvedExpression> values, UnresolvedExpression otherwise)
      implements UnresolvedExpression {
    public CaseWhenCall {
      conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions is null"));
      values = List.copyOf(Objects.requireNonNull(values, "values is null"));
      if (conditions.isEmpty() || conditions.size() != values.size()) {
        throw new IllegalArgumentException("CASE needs one value per condition");
      }
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("CASE");
      for (int i = 0; i < conditions.size(); i++) {
        text.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(values.get(i));
      }
      if (otherwise != null) {
        text.append(" ELSE ").append(otherwise);
      }
      return text.append(" END").toString();
    }
  }

  record CastTo(UnresolvedExpression child, ColumnType type) implements UnresolvedExpression {
    public CastTo {
      Objects.requireNonNull(child, "child is null");
      Objects.requireNonNull(type, "type is null");
    }

    @Override
    public String toString() {
      return "CAST(" + child + " AS " + type.simpleString().toUpperCase(java.util.Locale.ROOT) + ")";
    }
  }

  /** {@code child AS name}. */
  record Named(UnresolvedExpression child, String name) implements UnresolvedExpression {
    public Named {
      Objects.requireNonNull(child, "child is null");
      Objects.requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A sort key: {@code child ASC|DESC NULLS FIRST|LAST}. Only valid in sort lists. */
  record SortKey(UnresolvedExpression child, boolean ascending, boolean nullsFirst) implements UnresolvedExpression {
    public SortKey {
      Objects.requireNonNull(child, "child is null");
    }

    @Override
    public String toString() {
      return child + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  /** Spark-style display names, used as the default column name of an unnamed expression. */
  final class Display {
    private Display() {}

    static String call(String name, List<UnresolvedExpression> arguments) {
      // A loop, not a stream: a query's default column names are printed here, interpreted in a young JVM.
      List<String> parts = new ArrayList<>(arguments.size());
      for (UnresolvedExpression argument : arguments) {
        parts.add(argument.toString());
      }
      return switch (name) {
        case "+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "and", "or" ->
            parts.size() == 2 ? "(" + parts.get(0) + " " + symbol(name) + " " + parts.get(1) + ")" : name + parts;
        // A call with the wrong number of arguments still prints (as name(args)): it is named in the failure.
        case "not" -> parts.size() == 1 ? "(NOT " + parts.get(0) + ")" : plain(name, parts);
        case "isnull" -> parts.size() == 1 ? "(" + parts.get(0) + " IS NULL)" : plain(name, parts);
        case "isnotnull" -> parts.size() == 1 ? "(" + parts.get(0) + " IS NOT NULL)" : plain(name, parts);
        case "count_star" -> "count(1)";
        case "count_distinct" -> "count(DISTINCT " + String.join(", ", parts) + ")";
        case "in" -> parts.isEmpty()
            ? plain(name, parts)
            : "(" + parts.get(0) + " IN (" + String.join(", ", parts.subList(1, parts.size())) + "))";
        default -> plain(name, parts);
      };
    }

    private static String plain(String name, List<String> parts) {
      return name + "(" + String.join(", ", parts) + ")";
    }

    private static String symbol(String name) {
      return switch (name) {
        case "and" -> "AND";
        case "or" -> "OR";
        case "!=" -> "!=";
        default -> name;
      };
    }
  }
}
