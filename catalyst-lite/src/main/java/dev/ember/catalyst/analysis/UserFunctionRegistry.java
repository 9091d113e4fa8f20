package dev.ember.catalyst.analysis;

import dev.ember.core.expression.UserFunction;

/**
 * The user-defined functions a session registered by name ({@code session.udf().register}), which
 * SQL and {@code call_udf} reach by name. Looked up by the analyzer for a name that is no built-in
 * function; implementations are thread-safe (a session's queries may be analyzed concurrently).
 */
@FunctionalInterface
public interface UserFunctionRegistry {
  /** No registered function. */
  UserFunctionRegistry NONE = name -> null;

  /** The function registered under {@code name} (lower case), or null. */
  UserFunction find(String name);
}
