/**
 * Columnar batches: typed column vectors with null bits, batch builders and the batch size estimator
 * ({@code BatchSizes}).
 *
 * <p>May import: {@code types}.
 */
package dev.ember.core.vector;
