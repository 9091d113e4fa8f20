/**
 * Open-addressing key hash tables over columnar keys, shared by aggregation and hash joins.
 *
 * <p>May import: {@code operator.buffer}, {@code vector}, {@code types}.
 */
package dev.ember.core.operator.hash;
