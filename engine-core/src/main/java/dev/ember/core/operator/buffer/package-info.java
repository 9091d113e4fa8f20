/**
 * Growable columns and batch buffers that operators fill row by row without boxing.
 *
 * <p>May import: {@code operator}, {@code vector}, {@code types}.
 */
package dev.ember.core.operator.buffer;
