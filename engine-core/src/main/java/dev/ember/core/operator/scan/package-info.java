/**
 * Leaf operators: in-memory, range, broadcast and cached scans.
 *
 * <p>May import: {@code operator}, {@code plan}, {@code storage}, {@code metrics}, {@code vector}, {@code
 * types}.
 */
package dev.ember.core.operator.scan;
