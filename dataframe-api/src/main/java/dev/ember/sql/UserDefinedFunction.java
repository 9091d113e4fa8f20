package dev.ember.sql;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.UserFunctionApplication;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.types.ColumnType;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.internal.UserFunctionAdapters;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user-defined function made from a Java lambda ({@code UDF0..UDF5}) with {@code functions.udf}
 * or {@code session.udf().register}, as Spark's {@code UserDefinedFunction} (which Spark keeps in
 * {@code org.apache.spark.sql.expressions}; here it sits beside {@link Column}, which its
 * {@link #apply} returns, so that the API packages form no cycle).
 *
 * <p>Semantics are Spark's for Java UDFs: each argument arrives as the Java object of its column's
 * type (BOOLEAN Boolean, INT Integer, BIGINT Long, DOUBLE Double, STRING String, DATE
 * {@code java.sql.Date}, TIMESTAMP {@code java.sql.Timestamp}, DECIMAL BigDecimal), a null as null
 * (the function is called for it); the result must be of the declared type's Java class (or null).
 * An exception in the function, or a result of the wrong class, fails the task with an error that
 * names the function and the row. The function is serialized when the UDF is defined, so one that
 * captured something not serializable fails there. Immutable.
 */
public final class UserDefinedFunction {
  private final UserFunction function;
  private final DataType dataType;

  private UserDefinedFunction(UserFunction function, DataType dataType) {
    this.function = function;
    this.dataType = dataType;
  }

  /**
   * A UDF of {@code lambda} (a {@code UDF0..UDF5} of {@code arity} arguments) returning {@code returnType}.
   *
   * @throws AnalysisException for a return type a column cannot have, or a function that cannot be serialized
   */
  static UserDefinedFunction of(String name, Object lambda, int arity, DataType returnType) {
    Objects.requireNonNull(lambda, "the function is null");
    if (returnType == null) {
      throw new AnalysisException("[UNSUPPORTED_DATATYPE] user defined function `" + name + "` needs a return type");
    }
    ColumnType type;
    try {
      type = TypeConversions.toColumnType(returnType);
    } catch (IllegalArgumentException unsupported) {
      throw new AnalysisException("[UNSUPPORTED_DATATYPE] user defined function `" + name + "` cannot return "
          + returnType.simpleString() + ": a UDF returns BOOLEAN, INT, BIGINT, DOUBLE, STRING, DATE, TIMESTAMP or"
          + " DECIMAL", unsupported);
    }
    String className = lambda.getClass().getName();
    int hidden = className.indexOf("$$Lambda");
    String shown = hidden < 0 ? className : className.substring(0, hidden + "$$Lambda".length());
    try {
      return new UserDefinedFunction(UserFunction.of(name, UserFunctionAdapters.adapt(lambda, arity), shown, arity, type,
          true), returnType);
    } catch (IllegalArgumentException notSerializable) {
      throw new AnalysisException("[UDF_NOT_SERIALIZABLE] " + notSerializable.getMessage(), notSerializable);
    }
  }

  /** A column that applies this function to {@code columns}; the wrong number of them fails when it is used. */
  public Column apply(Column... columns) {
    List<UnresolvedExpression> arguments = new ArrayList<>(columns.length);
    for (Column column : columns) {
      arguments.add(Objects.requireNonNull(column, "a column is null").expression());
    }
    return new Column(new UserFunctionApplication(function, arguments));
  }

  /**
   * This UDF marked non-deterministic (it may return different values for the same arguments): the
   * optimizer then keeps it where it was written and never merges or moves filters across it.
   */
  public UserDefinedFunction asNondeterministic() {
    return new UserDefinedFunction(function.withDeterministic(false), dataType);
  }

  /** This UDF under {@code name}, as plans and column names show it. */
  public UserDefinedFunction withName(String name) {
    Objects.requireNonNull(name, "name is null");
    return new UserDefinedFunction(function.withName(name), dataType);
  }

  /** The name plans show: the registered or given name, or {@code UDF}. */
  public String name() {
    return function.name();
  }

  public boolean deterministic() {
    return function.deterministic();
  }

  /** The declared return type. */
  public DataType dataType() {
    return dataType;
  }

  /** Results may be null whatever the arguments (as Spark's Java UDFs). */
  public boolean nullable() {
    return true;
  }

  UserFunction function() {
    return function;
  }

  @Override
  public String toString() {
    return "UserDefinedFunction[" + function + "]";
  }
}
