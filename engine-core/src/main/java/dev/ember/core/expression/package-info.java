/**
 * Bound expression trees over a schema (column references, literals, arithmetic, comparisons, functions).
 *
 * <p>May import: {@code types}, {@code vector}, {@code text}.
 */
package dev.ember.core.expression;
