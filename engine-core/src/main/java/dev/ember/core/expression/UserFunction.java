package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A user-defined scalar function as plans carry it: its name (the registered name, or
 * {@code UDF}), the {@link JavaFunction} Java-serialized into bytes, its return type, arity and
 * whether it is deterministic. Plans travel with Kryo, which only instantiates registered Ember
 * classes; the function itself is read from {@link #serializedFunction()} only where it runs, with
 * the application's class loader (see {@code evaluation.UserFunctions}).
 *
 * <p>Two values are equal when they have the same name, type, flags and bytes: the same lambda
 * with the same captured values, so a UDF written twice in one query is one expression.
 */
public record UserFunction(String name, byte[] serializedFunction, String functionClassName, int arity,
    ColumnType returnType, boolean deterministic) {
  /** The name an unregistered UDF shows in plans and column names, as Spark prints it. */
  public static final String UNNAMED = "UDF";

  public UserFunction {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(serializedFunction, "serializedFunction is null");
    Objects.requireNonNull(functionClassName, "functionClassName is null");
    Objects.requireNonNull(returnType, "returnType is null");
    if (arity < 0) {
      throw new IllegalArgumentException("arity is negative: " + arity);
    }
    serializedFunction = serializedFunction.clone();
  }

  /**
   * Serializes {@code function} now, on the thread that defines the UDF, so a function that
   * captured something not serializable fails where it was written, not on an executor.
   *
   * @param userClassName the class of the user's lambda, named in messages
   * @throws IllegalArgumentException naming the class that is not serializable
   */
  public static UserFunction of(String name, JavaFunction function, String userClassName, int arity,
      ColumnType returnType, boolean deterministic) {
    Objects.requireNonNull(function, "function is null");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream output = new ObjectOutputStream(bytes)) {
      output.writeObject(function);
    } catch (NotSerializableException notSerializable) {
      throw new IllegalArgumentException("the function of user defined function `" + name + "` (" + userClassName
          + ") is not serializable: it captures an object of class " + notSerializable.getMessage()
          + ", which does not implement java.io.Serializable. A UDF is shipped to executors, so everything it"
          + " captures must be serializable (capture the values it needs, not the object that holds them)",
          notSerializable);
    } catch (IOException | RuntimeException failed) {
      throw new IllegalArgumentException("the function of user defined function `" + name + "` (" + userClassName
          + ") cannot be serialized: " + failed, failed);
    }
    return new UserFunction(name, bytes.toByteArray(), userClassName, arity, returnType, deterministic);
  }

  @Override
  public byte[] serializedFunction() {
    return serializedFunction.clone();
  }

  /** The bytes without a copy, for the one reader that deserializes them (never modified). */
  public byte[] serializedFunctionBytes() {
    return serializedFunction;
  }

  public UserFunction withName(String newName) {
    return new UserFunction(newName, serializedFunction, functionClassName, arity, returnType, deterministic);
  }

  public UserFunction withDeterministic(boolean newDeterministic) {
    return new UserFunction(name, serializedFunction, functionClassName, arity, returnType, newDeterministic);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UserFunction that && name.equals(that.name) && arity == that.arity
        && deterministic == that.deterministic && returnType.equals(that.returnType)
        && functionClassName.equals(that.functionClassName)
        && Arrays.equals(serializedFunction, that.serializedFunction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, arity, deterministic, returnType, functionClassName, Arrays.hashCode(serializedFunction));
  }

  @Override
  public String toString() {
    return name + ": (" + arity + " arguments) => " + returnType + (deterministic ? "" : " nondeterministic");
  }
}
