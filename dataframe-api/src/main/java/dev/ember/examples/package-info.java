/**
 * Runnable example jobs (the demo).
 *
 * <p>May import: {@code dev.ember.sql}, {@code dev.ember.sql.types}, and engine-core's {@code metrics} and
 * {@code scheduler.listener}.
 */
package dev.ember.examples;
