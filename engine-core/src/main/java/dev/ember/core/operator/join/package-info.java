/**
 * Join operators: hash, sort-merge and nested-loop joins.
 *
 * <p>May import: {@code operator}, {@code operator.buffer}, {@code operator.hash}, {@code operator.sort},
 * {@code plan} (join types), {@code memory}, {@code expression}(+{@code .evaluation}), {@code vector},
 * {@code types}.
 */
package dev.ember.core.operator.join;
