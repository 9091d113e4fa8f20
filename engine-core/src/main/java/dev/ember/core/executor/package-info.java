/**
 * The executor side of a task: {@code TaskRunner} deserializes a task, builds its operators, runs them in
 * the task's memory and serializes the result.
 *
 * <p>May import: any engine-core package except {@code scheduler}.
 */
package dev.ember.core.executor;
