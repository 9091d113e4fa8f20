/**
 * An in-memory shuffle manager used by tests.
 *
 * <p>May import: {@code shuffle.fetch}, {@code shuffle.partition}, and engine-core's {@code shuffle},
 * {@code operator}, {@code metrics}, {@code vector}, {@code types}.
 */
package dev.ember.shuffle.memory;
