/**
 * Vectorized evaluation of expressions over batches: one kernel per expression kind, no per-row virtual
 * calls.
 *
 * <p>May import: {@code expression}, {@code vector}, {@code types}, {@code text}.
 */
package dev.ember.core.expression.evaluation;
