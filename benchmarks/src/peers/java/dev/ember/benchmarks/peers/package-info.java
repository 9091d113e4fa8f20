/**
 * Peers of the benchmarks other than the TPC-H runner's: the same small query on DuckDB, so that
 * {@code benchmarks/small-query --peers} measures Ember's fresh-JVM latency against a reference on
 * the same machine. Compiled only with the {@code tpch-peers} profile and for Java 17, like {@code
 * dev.ember.benchmarks.tpch.peers}, so it imports nothing of Ember.
 */
package dev.ember.benchmarks.peers;
