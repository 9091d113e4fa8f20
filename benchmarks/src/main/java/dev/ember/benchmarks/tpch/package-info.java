/**
 * The TPC-H runner: data generation for any scale factor (Trino's port of dbgen from Maven Central)
 * into '|'-separated files that are written once under a cache folder and reused; the tables loaded
 * into cached DataFrames; Q1, Q3, Q5, Q6, Q10, Q12, Q14 and Q18 in the DataFrame DSL; first and warm
 * timings, row counts and order-independent checksums in a report file per engine; and the driver
 * that runs each engine (Ember, and with the {@code tpch-peers} profile DuckDB and Spark, see
 * {@code src/peers/java}) in its own JVM and prints one comparison table.
 *
 * <p>May import Ember's public API ({@code dev.ember.sql}), the JDK and {@code io.trino.tpch};
 * nothing of Ember's other modules, and never the peers' engines.
 */
package dev.ember.benchmarks.tpch;
