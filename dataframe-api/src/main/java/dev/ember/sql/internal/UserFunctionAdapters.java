package dev.ember.sql.internal;

import dev.ember.core.expression.JavaFunction;
import dev.ember.sql.api.java.UDF0;
import dev.ember.sql.api.java.UDF1;
import dev.ember.sql.api.java.UDF2;
import dev.ember.sql.api.java.UDF3;
import dev.ember.sql.api.java.UDF4;
import dev.ember.sql.api.java.UDF5;

/**
 * The API's {@code UDF0..UDF5} as the engine's {@link JavaFunction}: one small serializable record
 * per arity, holding the user's lambda, shipped with it and called once per row.
 */
public final class UserFunctionAdapters {
  private UserFunctionAdapters() {}

  /** Wraps {@code function}, a {@code UDF0..UDF5} of {@code arity} arguments (the overload that took it says which). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static JavaFunction adapt(Object function, int arity) {
    return switch (arity) {
      case 0 -> new Call0((UDF0) function);
      case 1 -> new Call1((UDF1) function);
      case 2 -> new Call2((UDF2) function);
      case 3 -> new Call3((UDF3) function);
      case 4 -> new Call4((UDF4) function);
      case 5 -> new Call5((UDF5) function);
      default -> throw new IllegalArgumentException("a UDF takes 0 to 5 arguments, not " + arity);
    };
  }

  record Call0(UDF0<Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call();
    }
  }

  record Call1(UDF1<Object, Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call(arguments[0]);
    }
  }

  record Call2(UDF2<Object, Object, Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call(arguments[0], arguments[1]);
    }
  }

  record Call3(UDF3<Object, Object, Object, Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call(arguments[0], arguments[1], arguments[2]);
    }
  }

  record Call4(UDF4<Object, Object, Object, Object, Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call(arguments[0], arguments[1], arguments[2], arguments[3]);
    }
  }

  record Call5(UDF5<Object, Object, Object, Object, Object, Object> function) implements JavaFunction {
    @Override
    public Object call(Object[] arguments) throws Exception {
      return function.call(arguments[0], arguments[1], arguments[2], arguments[3], arguments[4]);
    }
  }
}
