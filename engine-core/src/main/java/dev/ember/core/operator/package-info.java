/**
 * The pull-based {@code Operator} contract and the operator's view of its task ({@code TaskContext}:
 * partition, shuffle reads, broadcasts, memory, metrics, cached blocks).
 *
 * <p>May import: {@code memory}, {@code metrics}, {@code storage}, {@code vector}, {@code types}; never its
 * own subpackages, plans or tasks.
 */
package dev.ember.core.operator;
