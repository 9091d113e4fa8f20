/**
 * The optimizer driver: rule batches run to a fixed point, settings, and the record of which rules applied.
 *
 * <p>May import: {@code catalyst.optimizer.rules}, {@code catalyst.rewrite}, {@code catalyst.plan}, and
 * engine-core's {@code expression}, {@code types}.
 */
package dev.ember.catalyst.optimizer;
