/**
 * Row-preserving operators: filter, project, limit, concatenate.
 *
 * <p>May import: {@code operator}, {@code expression}(+{@code .evaluation}), {@code vector}, {@code types}.
 */
package dev.ember.core.operator.basic;
