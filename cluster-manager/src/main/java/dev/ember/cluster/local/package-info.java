/**
 * The {@code local[N]} backend: executor threads running tasks in this JVM.
 *
 * <p>May import: engine-core (scheduler, executor, task, serialization, memory, storage, shuffle) and the
 * shuffle module; never {@code dev.ember.cluster}.
 */
package dev.ember.cluster.local;
