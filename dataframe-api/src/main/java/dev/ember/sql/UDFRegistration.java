package dev.ember.sql;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.analysis.UserFunctionRegistry;
import dev.ember.core.expression.UserFunction;
import dev.ember.sql.api.java.UDF0;
import dev.ember.sql.api.java.UDF1;
import dev.ember.sql.api.java.UDF2;
import dev.ember.sql.api.java.UDF3;
import dev.ember.sql.api.java.UDF4;
import dev.ember.sql.api.java.UDF5;
import dev.ember.sql.types.DataType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's user-defined functions by name ({@code session.udf()}, Spark's {@code
 * UDFRegistration}): after {@code register("plus_one", f, IntegerType)}, SQL calls it as {@code
 * plus_one(a)} and the DSL as {@code call_udf("plus_one", col("a"))}. Names are case-insensitive; a
 * later registration under the same name replaces the earlier one for queries analyzed after it; a
 * built-in function's name is refused. Thread-safe.
 */
public final class UDFRegistration implements UserFunctionRegistry {
  private final Map<String, UserFunction> functions = new ConcurrentHashMap<>();

  UDFRegistration() {}

  public UserDefinedFunction register(String name, UDF0<?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 0, returnType));
  }

  public UserDefinedFunction register(String name, UDF1<?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 1, returnType));
  }

  public UserDefinedFunction register(String name, UDF2<?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 2, returnType));
  }

  public UserDefinedFunction register(String name, UDF3<?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 3, returnType));
  }

  public UserDefinedFunction register(String name, UDF4<?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 4, returnType));
  }

  public UserDefinedFunction register(String name, UDF5<?, ?, ?, ?, ?, ?> f, DataType returnType) {
    return register(name, UserDefinedFunction.of(checkedName(name), f, 5, returnType));
  }

  /** Registers an existing UDF under {@code name} (which it then shows in plans); returns it so named. */
  public UserDefinedFunction register(String name, UserDefinedFunction udf) {
    Objects.requireNonNull(udf, "udf is null");
    UserDefinedFunction named = udf.withName(checkedName(name));
    functions.put(name.toLowerCase(Locale.ROOT), named.function());
    return named;
  }

  @Override
  public UserFunction find(String name) {
    return functions.get(name.toLowerCase(Locale.ROOT));
  }

  private static String checkedName(String name) {
    Objects.requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new AnalysisException("[INVALID_FUNCTION_NAME] a user defined function needs a name, got '" + name + "'");
    }
    if (Analyzer.isBuiltInFunction(name.toLowerCase(Locale.ROOT))) {
      throw new AnalysisException("[INVALID_FUNCTION_NAME] `" + name + "` is a built-in function: register the user"
          + " defined function under another name");
    }
    return name;
  }
}
