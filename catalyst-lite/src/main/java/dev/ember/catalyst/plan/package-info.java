/**
 * Logical plan nodes.
 *
 * <p>May import: engine-core's {@code plan}, {@code expression}, {@code source}, {@code storage}, {@code
 * vector}, {@code types}.
 */
package dev.ember.catalyst.plan;
