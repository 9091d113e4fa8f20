/**
 * The standalone worker daemon: registers and heartbeats with the master, starts and stops
 * executors through an {@link dev.ember.cluster.launch.ExecutorLauncher}. Imports {@code rpc} and
 * {@code launch}.
 */
package dev.ember.cluster.worker;
