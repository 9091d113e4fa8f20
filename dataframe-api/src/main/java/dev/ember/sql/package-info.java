/**
 * Ember's public DataFrame API, shaped after Spark's Java API so that Spark code ports by changing
 * imports ({@code Dataset<Row>} becomes {@link dev.ember.sql.DataFrame}).
 *
 * <pre>{@code
 * import static dev.ember.sql.functions.*;
 *
 * try (EmberSession session = EmberSession.builder().master("local[4]").getOrCreate()) {
 *   DataFrame sales = session.read().option("header", "true").option("inferSchema", "true").csv("sales.csv");
 *   sales.filter(col("amount").gt(100))
 *       .groupBy("region")
 *       .agg(sum(col("amount")).as("total"), count(col("*")))
 *       .orderBy(col("total").desc())
 *       .show();
 * }
 * }</pre>
 *
 * <p>Transformations are lazy but analyzed at once: a wrong column name throws {@link
 * dev.ember.sql.AnalysisException} on the line that wrote it. Actions run a job on the session's
 * executors and return {@link dev.ember.sql.Row}s.
 *
 * <p>May import: {@code dev.ember.sql.internal}, {@code dev.ember.sql.types}, catalyst-lite, cluster-
 * manager and engine-core; nothing in Ember imports it except examples and benchmarks.
 */
package dev.ember.sql;
