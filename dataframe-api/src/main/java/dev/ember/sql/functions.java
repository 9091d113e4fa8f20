package dev.ember.sql;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.core.expression.UserFunction;
import dev.ember.sql.api.java.UDF0;
import dev.ember.sql.api.java.UDF1;
import dev.ember.sql.api.java.UDF2;
import dev.ember.sql.api.java.UDF3;
import dev.ember.sql.api.java.UDF4;
import dev.ember.sql.api.java.UDF5;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Objects;

/**
 * The DSL's functions, as Spark's {@code org.apache.spark.sql.functions}: {@code import static
 * dev.ember.sql.functions.*;} then {@code col("a")}, {@code sum(col("b"))}, {@code
 * when(cond, 1).otherwise(0)}.
 */
public final class functions {
  private functions() {}

  public static Column col(String name) {
    return new Column(name);
  }

  public static Column column(String name) {
    return new Column(name);
  }

  /** A literal: null, a number, a string, a boolean, a LocalDate or an Instant; a Column is returned as is. */
  public static Column lit(Object value) {
    if (value instanceof Column column) {
      return column;
    }
    return new Column(Column.literal(value));
  }

  private static Column call(String name, UnresolvedExpression... arguments) {
    return new Column(new FunctionCall(name, List.of(arguments)));
  }

  private static UnresolvedExpression expression(Column column) {
    return Objects.requireNonNull(column, "column is null").expression();
  }

  public static Column sum(Column column) {
    return call("sum", expression(column));
  }

  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  public static Column avg(Column column) {
    return call("avg", expression(column));
  }

  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  public static Column mean(Column column) {
    return avg(column);
  }

  public static Column min(Column column) {
    return call("min", expression(column));
  }

  public static Column min(String columnName) {
    return min(col(columnName));
  }

  public static Column max(Column column) {
    return call("max", expression(column));
  }

  public static Column max(String columnName) {
    return max(col(columnName));
  }

  /** {@code count(col("*"))} counts rows (named {@code count(1)}); {@code count(x)} counts non-null x. */
  public static Column count(Column column) {
    UnresolvedExpression argument = expression(column);
    if (argument instanceof ColumnName name && name.name().equals("*")) {
      return call("count_star");
    }
    return call("count", argument);
  }

  public static Column count(String columnName) {
    return count(col(columnName));
  }

  public static Column countDistinct(Column column, Column... columns) {
    List<UnresolvedExpression> arguments = new ArrayList<>(columns.length + 1);
    arguments.add(expression(column));
    for (Column other : columns) {
      arguments.add(expression(other));
    }
    return new Column(new FunctionCall("count_distinct", arguments));
  }

  public static Column countDistinct(String columnName, String... columnNames) {
    Column[] columns = new Column[columnNames.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = col(columnNames[i]);
    }
    return countDistinct(col(columnName), columns);
  }

  /** The first value of the group, null included. */
  public static Column first(Column column) {
    return call("first", expression(column));
  }

  public static Column first(String columnName) {
    return first(col(columnName));
  }

  /** {@code CASE WHEN condition THEN value}; chain {@link Column#when} and {@link Column#otherwise}. */
  public static Column when(Column condition, Object value) {
    return new Column(new CaseWhenCall(List.of(expression(condition)), List.of(Column.toExpression(value)), null));
  }

  /** The first non-null argument. */
  public static Column coalesce(Column... columns) {
    List<UnresolvedExpression> arguments = new ArrayList<>(columns.length);
    for (Column column : columns) {
      arguments.add(expression(column));
    }
    return new Column(new FunctionCall("coalesce", arguments));
  }

  public static Column not(Column column) {
    return call("not", expression(column));
  }

  public static Column upper(Column column) {
    return call("upper", expression(column));
  }

  public static Column lower(Column column) {
    return call("lower", expression(column));
  }

  public static Column length(Column column) {
    return call("length", expression(column));
  }

  public static Column abs(Column column) {
    return call("abs", expression(column));
  }

  public static Column concat(Column... columns) {
    List<UnresolvedExpression> arguments = new ArrayList<>(columns.length);
    for (Column column : columns) {
      arguments.add(expression(column));
    }
    return new Column(new FunctionCall("concat", arguments));
  }

  /** {@code len} characters from the 1-based position {@code pos} (negative counts from the end). */
  public static Column substring(Column column, int pos, int len) {
    return call("substring", expression(column), new LiteralValue(pos), new LiteralValue(len));
  }

  /** Rounds HALF_UP to an integer value ({@code round(x, 0)}). */
  public static Column round(Column column) {
    return round(column, 0);
  }

  /** Rounds HALF_UP to {@code scale} decimal places; a negative scale rounds to tens, hundreds... */
  public static Column round(Column column, int scale) {
    return call("round", expression(column), new LiteralValue(scale));
  }

  public static Column year(Column column) {
    return call("year", expression(column));
  }

  public static Column month(Column column) {
    return call("month", expression(column));
  }

  public static Column dayofmonth(Column column) {
    return call("dayofmonth", expression(column));
  }

  public static Column to_date(Column column) {
    return call("to_date", expression(column));
  }

  /** Parses strings with a {@link java.time.format.DateTimeFormatter} pattern such as {@code dd/MM/yyyy}. */
  public static Column to_date(Column column, String format) {
    return call("to_date", expression(column), new LiteralValue(Objects.requireNonNull(format, "format is null")));
  }

  public static Column date_add(Column column, int days) {
    return call("date_add", expression(column), new LiteralValue(days));
  }

  public static Column asc(String columnName) {
    return col(columnName).asc();
  }

  public static Column desc(String columnName) {
    return col(columnName).desc();
  }

  /** Marks a DataFrame as small: a join with it broadcasts it instead of shuffling both sides. */
  public static DataFrame broadcast(DataFrame dataFrame) {
    return Objects.requireNonNull(dataFrame, "dataFrame is null").withBroadcastHint();
  }

  /**
   * A user-defined function of no argument returning {@code returnType} (Spark's {@code udf(UDF0, DataType)});
   * see {@link UserDefinedFunction} for how arguments and results are converted.
   *
   * @throws AnalysisException for an unsupported return type or a function that cannot be serialized
   */
  public static UserDefinedFunction udf(UDF0<?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 0, returnType);
  }

  /** A user-defined function of one argument; see {@link #udf(UDF0, DataType)}. */
  public static UserDefinedFunction udf(UDF1<?, ?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 1, returnType);
  }

  /** A user-defined function of two arguments; see {@link #udf(UDF0, DataType)}. */
  public static UserDefinedFunction udf(UDF2<?, ?, ?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 2, returnType);
  }

  /** A user-defined function of three arguments; see {@link #udf(UDF0, DataType)}. */
  public static UserDefinedFunction udf(UDF3<?, ?, ?, ?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 3, returnType);
  }

  /** A user-defined function of four arguments; see {@link #udf(UDF0, DataType)}. */
  public static UserDefinedFunction udf(UDF4<?, ?, ?, ?, ?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 4, returnType);
  }

  /** A user-defined function of five arguments; see {@link #udf(UDF0, DataType)}. */
  public static UserDefinedFunction udf(UDF5<?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return UserDefinedFunction.of(UserFunction.UNNAMED, f, 5, returnType);
  }

  /** Calls the function registered as {@code udfName} with {@code session.udf().register} (Spark 3.5's {@code call_udf}). */
  public static Column call_udf(String udfName, Column... columns) {
    Objects.requireNonNull(udfName, "udfName is null");
    List<UnresolvedExpression> arguments = new ArrayList<>(columns.length);
    for (Column column : columns) {
      arguments.add(column.expression());
    }
    return new Column(new FunctionCall(udfName.toLowerCase(Locale.ROOT), arguments));
  }

  /** Spark's older name of {@link #call_udf}. */
  public static Column callUDF(String udfName, Column... columns) {
    return call_udf(udfName, columns);
  }
}
