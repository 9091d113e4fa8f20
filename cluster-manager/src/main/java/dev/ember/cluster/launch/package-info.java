/**
 * How daemons and executors are started: the {@link dev.ember.cluster.launch.ExecutorLauncher}
 * interface (a worker's only way to start an executor) and its local-process implementation, the
 * daemons' command lines, settings and main-class names.
 *
 * <p>May import: the JDK and engine-core's {@code network}; nothing else of Ember, so that other
 * launchers (a resource manager's) can build on it.
 */
package dev.ember.cluster.launch;
