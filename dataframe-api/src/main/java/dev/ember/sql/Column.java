package dev.ember.sql;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.expression.UnresolvedExpression.UserFunctionApplication;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An expression of the DataFrame DSL, as Spark's {@code Column}: {@code col("a").gt(1)}. A Column
 * is only a description (an {@link UnresolvedExpression}); names are resolved when it is used in a
 * DataFrame operation. Where a parameter is {@code Object}, it takes a Java value (a literal) or
 * another Column.
 */
public class Column {
  private final UnresolvedExpression expression;

  /** The column with this name ({@code "a"}, {@code "t.a"}, {@code "*"}). */
  public Column(String name) {
    this(new ColumnName(Objects.requireNonNull(name, "name is null")));
  }

  public Column(UnresolvedExpression expression) {
    this.expression = Objects.requireNonNull(expression, "expression is null");
  }

  /** The unresolved expression this column describes (developer API). */
  public UnresolvedExpression expression() {
    return expression;
  }

  /** A Column for a Java value or a Column (returned as is). */
  static UnresolvedExpression toExpression(Object value) {
    if (value instanceof Column column) {
      return column.expression;
    }
    return literal(value);
  }

  static LiteralValue literal(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof Float || value instanceof Double
        || value instanceof String || value instanceof LocalDate || value instanceof Instant
        || value instanceof java.sql.Date || value instanceof java.sql.Timestamp || value instanceof BigDecimal) {
      return new LiteralValue(value);
    }
    if (value instanceof Character character) {
      return new LiteralValue(character.toString());
    }
    throw new IllegalArgumentException(
        "[UNSUPPORTED_FEATURE.LITERAL_TYPE] The feature is not supported: Literal for '" + value + "' of "
            + value.getClass() + ". Literals are null, Boolean, Integer, Long, Short, Byte, Float, Double, String,"
            + " LocalDate, Instant, java.sql.Date, java.sql.Timestamp and java.math.BigDecimal.");
  }

  private Column call(String name, Object... arguments) {
    List<UnresolvedExpression> all = new ArrayList<>(arguments.length + 1);
    all.add(expression);
    for (Object argument : arguments) {
      all.add(toExpression(argument));
    }
    return new Column(new FunctionCall(name, all));
  }

  public Column gt(Object other) {
    return call(">", other);
  }

  public Column geq(Object other) {
    return call(">=", other);
  }

  public Column lt(Object other) {
    return call("<", other);
  }

  public Column leq(Object other) {
    return call("<=", other);
  }

  public Column equalTo(Object other) {
    return call("=", other);
  }

  /** {@code NOT (this = other)}: null when either side is null, as Spark's {@code =!=}. */
  public Column notEqual(Object other) {
    return new Column(new FunctionCall("not", List.of(call("=", other).expression)));
  }

  public Column plus(Object other) {
    return call("+", other);
  }

  public Column minus(Object other) {
    return call("-", other);
  }

  public Column multiply(Object other) {
    return call("*", other);
  }

  /** Division; on integers the result is a double, as Spark's. */
  public Column divide(Object other) {
    return call("/", other);
  }

  public Column mod(Object other) {
    return call("%", other);
  }

  public Column and(Column other) {
    return call("and", other);
  }

  public Column or(Column other) {
    return call("or", other);
  }

  public Column isNull() {
    return call("isnull");
  }

  public Column isNotNull() {
    return call("isnotnull");
  }

  /** True when the value equals one of {@code values} (each a Java value or a Column). */
  public Column isin(Object... values) {
    return call("in", values);
  }

  public Column isInCollection(Collection<?> values) {
    return isin(values.toArray());
  }

  /** SQL LIKE: {@code _} matches one character, {@code %} any run of characters. */
  public Column like(String pattern) {
    return new Column(new FunctionCall("like", List.of(expression, new LiteralValue(Objects.requireNonNull(pattern, "pattern is null")))));
  }

  public Column startsWith(Object prefix) {
    return call("startswith", prefix);
  }

  public Column endsWith(Object suffix) {
    return call("endswith", suffix);
  }

  public Column contains(Object other) {
    return call("contains", other);
  }

  /** {@code lower <= this <= upper}, as Spark's: {@code (this >= lower) AND (this <= upper)}. */
  public Column between(Object lowerBound, Object upperBound) {
    return geq(lowerBound).and(leq(upperBound));
  }

  public Column cast(DataType to) {
    return new Column(new CastTo(expression, TypeConversions.toColumnType(Objects.requireNonNull(to, "to is null"))));
  }

  /**
   * Casts to the type named in DDL ({@code "int"}, {@code "bigint"}, {@code "string"}...).
   *
   * @throws dev.ember.sql.types.DataTypeParseException for an unknown type name
   */
  public Column cast(String to) {
    return cast(DataTypes.fromDDLTypeName(to));
  }

  /** Names the column: {@code col("a").plus(1).as("b")}. */
  public Column as(String alias) {
    return new Column(new Named(expression, Objects.requireNonNull(alias, "alias is null")));
  }

  public Column alias(String alias) {
    return as(alias);
  }

  public Column name(String alias) {
    return as(alias);
  }

  /** Ascending, nulls first (Spark's default). */
  public Column asc() {
    return sortKey(true, true);
  }

  public Column asc_nulls_first() {
    return sortKey(true, true);
  }

  public Column asc_nulls_last() {
    return sortKey(true, false);
  }

  /** Descending, nulls last (Spark's default). */
  public Column desc() {
    return sortKey(false, false);
  }

  public Column desc_nulls_first() {
    return sortKey(false, true);
  }

  public Column desc_nulls_last() {
    return sortKey(false, false);
  }

  private Column sortKey(boolean ascending, boolean nullsFirst) {
    UnresolvedExpression child = expression instanceof SortKey key ? key.child() : expression;
    return new Column(new SortKey(child, ascending, nullsFirst));
  }

  /**
   * Adds a branch to a column made by {@link functions#when}: {@code when(a, 1).when(b, 2)}.
   *
   * @throws IllegalArgumentException on any other column, or after {@link #otherwise}
   */
  public Column when(Column condition, Object value) {
    if (!(expression instanceof CaseWhenCall caseWhen)) {
      throw new IllegalArgumentException(
          "when() can only be applied on a Column previously generated by when() function, not on " + this);
    }
    if (caseWhen.otherwise() != null) {
      throw new IllegalArgumentException("when() cannot be applied once otherwise() is applied: " + this);
    }
    List<UnresolvedExpression> conditions = new ArrayList<>(caseWhen.conditions());
    List<UnresolvedExpression> values = new ArrayList<>(caseWhen.values());
    conditions.add(Objects.requireNonNull(condition, "condition is null").expression);
    values.add(toExpression(value));
    return new Column(new CaseWhenCall(conditions, values, null));
  }

  /**
   * The value when no branch of a {@link functions#when} column matches (null without it).
   *
   * @throws IllegalArgumentException on any other column, or when applied twice
   */
  public Column otherwise(Object value) {
    if (!(expression instanceof CaseWhenCall caseWhen)) {
      throw new IllegalArgumentException(
          "otherwise() can only be applied on a Column previously generated by when(), not on " + this);
    }
    if (caseWhen.otherwise() != null) {
      throw new IllegalArgumentException(
          "otherwise() can only be applied once on a Column previously generated by when(): " + this);
    }
    return new Column(new CaseWhenCall(caseWhen.conditions(), caseWhen.values(), toExpression(value)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Column column && expression.equals(column.expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  /** Spark's rendering: {@code (a > 1)}, {@code sum(b)}, {@code a AS b}, {@code a LIKE x%}. */
  @Override
  public String toString() {
    return display(expression);
  }

  private static String display(UnresolvedExpression expression) {
    return switch (expression) {
      case Named named -> display(named.child()) + " AS " + named.name();
      case FunctionCall call when call.name().equals("like") && call.arguments().size() == 2 ->
          display(call.arguments().get(0)) + " LIKE " + display(call.arguments().get(1));
      // The other kinds print as the analyzer prints them.
      case FunctionCall call -> call.toString();
      case ColumnName column -> column.toString();
      case BoundColumn bound -> bound.toString();
      case LiteralValue literal -> literal.toString();
      case CaseWhenCall caseWhen -> caseWhen.toString();
      case CastTo cast -> cast.toString();
      case UserFunctionApplication application -> application.toString();
      case SortKey key -> key.toString();
    };
  }
}
