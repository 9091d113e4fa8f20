/**
 * Partitioners (hash, range, round-robin) that assign rows of a batch to reduce partitions.
 *
 * <p>May import: engine-core's {@code shuffle}, {@code plan}, {@code expression}(+{@code .evaluation}),
 * {@code vector}, {@code types}.
 */
package dev.ember.shuffle.partition;
