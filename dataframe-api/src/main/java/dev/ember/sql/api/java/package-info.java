/**
 * The functional interfaces of Java user-defined functions, {@code UDF0} to {@code UDF5} (Spark's
 * {@code org.apache.spark.sql.api.java}). Public API.
 *
 * <p>May import: nothing of Ember.
 */
package dev.ember.sql.api.java;
