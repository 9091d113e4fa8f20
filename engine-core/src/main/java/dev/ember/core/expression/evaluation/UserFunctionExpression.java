package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.JavaFunction;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls a user's Java function once per row: the one place with a boxed call per row, which a
 * Java UDF cannot avoid; no other kernel goes through here. Arguments are converted from the
 * vectors to Spark's Java types (BOOLEAN Boolean, INT Integer, LONG Long, DOUBLE Double, STRING
 * String, DATE {@link java.sql.Date}, TIMESTAMP {@link java.sql.Timestamp}, DECIMAL BigDecimal, null
 * as null) and the result back to the declared type. The function is deserialized once per
 * compilation (once per operator of a task, as Spark deserializes a closure per task), with the
 * thread's context class loader: the application's loader, which holds {@code ember.jars}.
 *
 * <p>Owned by one task thread, like every compiled expression: the argument array is reused.
 */
final class UserFunctionExpression implements VectorExpression {
  private static final int MAX_ARGUMENT_TEXT = 60;

  private final UserFunction definition;
  private final JavaFunction function;
  private final VectorExpression[] arguments;
  private final Object[] values;

  private UserFunctionExpression(UserFunction definition, JavaFunction function, List<VectorExpression> arguments) {
    this.definition = definition;
    this.function = function;
    this.arguments = arguments.toArray(new VectorExpression[0]);
    this.values = new Object[this.arguments.length];
  }

  static UserFunctionExpression of(UserFunction definition, List<VectorExpression> arguments) {
    return new UserFunctionExpression(definition, load(definition), arguments);
  }

  @Override
  public ColumnType type() {
    return definition.returnType();
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    int rowCount = batch.rowCount();
    ColumnVector[] inputs = new ColumnVector[arguments.length];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = VectorExpression.dispatch(arguments[i], batch);
    }
    VectorBuilder output = VectorBuilder.forType(definition.returnType(), rowCount);
    for (int row = 0; row < rowCount; row++) {
      for (int i = 0; i < inputs.length; i++) {
        values[i] = javaValue(inputs[i], row);
      }
      Object result;
      try {
        result = function.call(values);
      } catch (Exception | LinkageError | AssertionError | StackOverflowError failed) {
        throw new UserFunctionException("[FAILED_EXECUTE_UDF] User defined function `" + definition.name()
            + "` (" + definition.functionClassName() + ") failed at row " + row + " of a batch of " + rowCount
            + " rows, arguments " + describe(values) + ": " + failed, failed);
      }
      append(output, result, row);
    }
    return output.build();
  }

  /** Row {@code row} as the Java object Spark gives a Java UDF. */
  private static Object javaValue(ColumnVector vector, int row) {
    if (vector.isNull(row)) {
      return null;
    }
    return switch (vector.type().kind()) {
      case DATE -> java.sql.Date.valueOf(LocalDate.ofEpochDay(((IntVector) vector).values[row]));
      case TIMESTAMP -> java.sql.Timestamp.from(instantOfMicros(((LongVector) vector).values[row]));
      // The internal values of the other types are their Java types (a compact DECIMAL reads as BigDecimal).
      case BOOLEAN, INT, LONG, DOUBLE, STRING, DECIMAL -> vector.getObject(row);
    };
  }

  private static Instant instantOfMicros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Appends the function's result as the declared type, or fails naming what came back. */
  private void append(VectorBuilder output, Object result, int row) {
    if (result == null) {
      output.appendNull();
      return;
    }
    ColumnType type = definition.returnType();
    boolean appended = switch (type.kind()) {
      case BOOLEAN -> {
        if (result instanceof Boolean value) {
          output.appendBoolean(value);
          yield true;
        }
        yield false;
      }
      case INT -> {
        if (result instanceof Integer || result instanceof Short || result instanceof Byte) {
          output.appendInt(((Number) result).intValue());
          yield true;
        }
        yield false;
      }
      case LONG -> {
        if (result instanceof Long || result instanceof Integer || result instanceof Short || result instanceof Byte) {
          output.appendLong(((Number) result).longValue());
          yield true;
        }
        yield false;
      }
      case DOUBLE -> {
        if (result instanceof Double || result instanceof Float) {
          output.appendDouble(((Number) result).doubleValue());
          yield true;
        }
        yield false;
      }
      case STRING -> {
        if (result instanceof String value) {
          output.appendString(value);
          yield true;
        }
        yield false;
      }
      case DATE -> {
        LocalDate date = result instanceof java.sql.Date sqlDate ? sqlDate.toLocalDate()
            : result instanceof LocalDate localDate ? localDate : null;
        if (date != null) {
          output.appendInt(Math.toIntExact(date.toEpochDay()));
        }
        yield date != null;
      }
      case TIMESTAMP -> {
        Instant instant = result instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
            : result instanceof Instant value ? value : null;
        if (instant != null) {
          output.appendLong(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
              instant.getNano() / 1_000L));
        }
        yield instant != null;
      }
      case DECIMAL -> {
        BigDecimal decimal = result instanceof BigDecimal value ? value
            : result instanceof BigInteger integer ? new BigDecimal(integer) : null;
        if (decimal != null) {
          // Spark's non-ANSI rule: a value that does not fit the declared precision becomes null.
          BigDecimal fitted = DecimalTypes.fit(decimal, type);
          if (fitted == null) {
            output.appendNull();
          } else {
            output.appendDecimal(fitted);
          }
        }
        yield decimal != null;
      }
    };
    if (!appended) {
      throw new UserFunctionResultException("[FAILED_EXECUTE_UDF] User defined function `" + definition.name() + "` ("
          + definition.functionClassName() + ") returned a " + result.getClass().getName() + " (" + text(result)
          + ") at row " + row + ", arguments " + describe(values) + ", but its declared return type is " + type
          + ", which takes " + javaTypes(type));
    }
  }

  private static String javaTypes(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> "java.lang.Boolean";
      case INT -> "java.lang.Integer";
      case LONG -> "java.lang.Long (or Integer)";
      case DOUBLE -> "java.lang.Double (or Float)";
      case STRING -> "java.lang.String";
      case DATE -> "java.sql.Date or java.time.LocalDate";
      case TIMESTAMP -> "java.sql.Timestamp or java.time.Instant";
      case DECIMAL -> "java.math.BigDecimal (or BigInteger)";
    };
  }

  private static String describe(Object[] values) {
    List<String> parts = new ArrayList<>(values.length);
    for (Object value : values) {
      parts.add(value == null ? "null" : text(value));
    }
    return "(" + String.join(", ", parts) + ")";
  }

  private static String text(Object value) {
    String text = value instanceof String string ? "'" + string + "'" : String.valueOf(value);
    return text.length() > MAX_ARGUMENT_TEXT ? text.substring(0, MAX_ARGUMENT_TEXT) + "..." : text;
  }

  /**
   * Reads the function with the thread's context class loader (the application's: the session's
   * loader in local mode, the loader of the fetched {@code ember.jars} on an executor).
   */
  static JavaFunction load(UserFunction definition) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = UserFunctionExpression.class.getClassLoader();
    }
    try (ObjectInputStream input = new ApplicationObjectInputStream(
        new ByteArrayInputStream(definition.serializedFunctionBytes()), loader)) {
      Object function = input.readObject();
      if (!(function instanceof JavaFunction javaFunction)) {
        throw new UserFunctionLoadException("user defined function `" + definition.name() + "` deserialized to a "
            + (function == null ? "null" : function.getClass().getName()) + ", not a function", null);
      }
      return javaFunction;
    } catch (ClassNotFoundException | NoClassDefFoundError missing) {
      throw new UserFunctionLoadException("cannot load user defined function `" + definition.name() + "` ("
          + definition.functionClassName() + "): class " + missing.getMessage() + " is not on this executor's"
          + " class path; ship the jar that holds it with ember.jars", missing);
    } catch (IOException | RuntimeException unreadable) {
      if (unreadable instanceof UserFunctionLoadException known) {
        throw known;
      }
      throw new UserFunctionLoadException("cannot load user defined function `" + definition.name() + "` ("
          + definition.functionClassName() + "): " + unreadable, unreadable);
    }
  }

  /** Resolves classes with the application's loader, not the caller's (this engine class's) loader. */
  private static final class ApplicationObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    ApplicationObjectInputStream(InputStream input, ClassLoader loader) throws IOException {
      super(input);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(description.getName(), false, loader);
      } catch (ClassNotFoundException notInApplication) {
        // Primitive types and the platform's classes.
        return super.resolveClass(description);
      }
    }
  }
}
