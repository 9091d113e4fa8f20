/**
 * Vectorized evaluation of expressions over batches: one kernel per expression kind, no per-row virtual
 * calls; filter conditions compiled to row selectors that narrow a batch's selection
 * ({@code Selections}, {@code RowSelector}).
 *
 * <p>May import: {@code expression}, {@code vector}, {@code types}, {@code text}.
 */
package dev.ember.core.expression.evaluation;
