package dev.ember.sql.api.java;

import java.io.Serializable;

/**
 * A user-defined function of no argument (Spark's {@code org.apache.spark.sql.api.java.UDF0}), for
 * {@code functions.udf} and {@code session.udf().register}. Arguments arrive as the Java objects of
 * their columns' types (see {@link dev.ember.sql.expressions.UserDefinedFunction}), null included.
 * Serializable, because it is shipped to the executors: whatever it captures must be serializable.
 */
@FunctionalInterface
public interface UDF0<R> extends Serializable {
  R call() throws Exception;
}
