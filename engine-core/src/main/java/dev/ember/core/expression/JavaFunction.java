package dev.ember.core.expression;

import java.io.Serializable;

/**
 * A user's Java function of any arity as the engine calls it: the API's {@code UDF0..UDF5} are
 * wrapped in one of these, so that engine-core never depends on the public API. It travels
 * Java-serialized inside {@link UserFunction} (as Spark's closures do) and is called once per row
 * with the arguments as Java objects of the columns' types (null for a null argument).
 */
@FunctionalInterface
public interface JavaFunction extends Serializable {
  /** The function's value for one row; {@code arguments} is reused between calls, so it must not be kept. */
  Object call(Object[] arguments) throws Exception;
}
