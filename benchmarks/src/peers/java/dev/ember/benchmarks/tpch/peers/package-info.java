/**
 * The peers of the TPC-H runner: DuckDB (JDBC) and Spark 3.5 ({@code local[N]}) running the same
 * queries ({@code queries/qN.sql}) over the same files, each in its own JVM, writing the report
 * format of {@code dev.ember.benchmarks.tpch.RunReport}. Compiled only with the {@code tpch-peers}
 * profile and for Java 17 (Spark 3.5 does not run on the JDK that builds Ember), so it imports
 * nothing of Ember: only the JDK, DuckDB's driver through JDBC, and Spark's Java API.
 */
package dev.ember.benchmarks.tpch.peers;
