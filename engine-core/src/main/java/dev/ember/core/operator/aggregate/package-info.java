/**
 * Hash aggregation with spilling, and the accumulators of each aggregate function.
 *
 * <p>May import: {@code operator}, {@code operator.hash}, {@code operator.sort}, {@code plan} (aggregate
 * modes), {@code memory}, {@code metrics}, {@code expression}(+{@code .evaluation}), {@code vector}, {@code
 * types}.
 */
package dev.ember.core.operator.aggregate;
