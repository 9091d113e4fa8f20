/**
 * How executors are started: the {@link dev.ember.cluster.launch.ExecutorLauncher} interface (a
 * worker's only way to start one) and its local-process implementation. Imports only the JDK, so
 * that other launchers (a resource manager's) can live elsewhere.
 */
package dev.ember.cluster.launch;
