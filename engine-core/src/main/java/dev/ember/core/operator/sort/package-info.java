/**
 * External sort: in-memory index sorts, spilled runs and their merge.
 *
 * <p>May import: {@code operator}, {@code operator.buffer}, {@code memory}, {@code metrics}, {@code
 * expression}(+{@code .evaluation}), {@code vector}, {@code types}.
 */
package dev.ember.core.operator.sort;
