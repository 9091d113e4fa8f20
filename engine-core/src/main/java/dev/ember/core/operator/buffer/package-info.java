/**
 * Batch buffers that operators fill batch by batch without boxing, over {@code vector.VectorBuilder}.
 *
 * <p>May import: {@code operator}, {@code vector}, {@code types}.
 */
package dev.ember.core.operator.buffer;
