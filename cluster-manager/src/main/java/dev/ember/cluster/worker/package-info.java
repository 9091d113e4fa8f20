/**
 * The standalone worker daemon: registers and heartbeats with the master, starts and stops
 * executors through an {@link dev.ember.cluster.launch.ExecutorLauncher}; main class {@code EmberWorker}.
 *
 * <p>May import: {@code cluster.rpc}, {@code cluster.launch}, {@code dev.ember.cluster} (master
 * URLs), engine-core. Nothing in the module imports it.
 */
package dev.ember.cluster.worker;
