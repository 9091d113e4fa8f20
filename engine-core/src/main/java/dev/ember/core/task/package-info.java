/**
 * Serializable task descriptions (result, shuffle-map and range-sample tasks), their outcomes, and {@code
 * OperatorFactory}, which turns a physical plan into operators.
 *
 * <p>May import: everything below it: {@code operator} and its subpackages, {@code io.csv}, {@code
 * shuffle}, {@code plan}, {@code result}, {@code memory}, {@code metrics}, {@code io}, {@code expression},
 * {@code vector}, {@code types}; never {@code serialization}, {@code executor} or {@code scheduler}.
 */
package dev.ember.core.task;
