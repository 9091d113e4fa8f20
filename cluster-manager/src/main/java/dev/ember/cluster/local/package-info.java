/**
 * The {@code local[N]} backend: executor threads running tasks in this JVM.
 *
 * <p>May import: engine-core (scheduler, executor, task, serialization, memory, storage, shuffle, and
 * operator for the executor's broadcast table cache) and the
 * shuffle module, and {@code cluster.launch} (the application's jars); never {@code dev.ember.cluster}.
 */
package dev.ember.cluster.local;
