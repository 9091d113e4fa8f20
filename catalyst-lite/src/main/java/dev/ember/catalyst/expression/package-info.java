/**
 * Unresolved expressions that the analyzer binds to engine-core expressions.
 *
 * <p>May import: engine-core's {@code expression} and {@code types}.
 */
package dev.ember.catalyst.expression;
