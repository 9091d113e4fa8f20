/**
 * The driver's side of the standalone cluster: {@link dev.ember.cluster.standalone.StandaloneBackend}
 * (the scheduler backend over executor processes) and {@code local-cluster[W,C,M]}'s processes.
 *
 * <p>May import: {@code cluster.rpc}, {@code cluster.launch}, engine-core. Never
 * {@code dev.ember.cluster} or the daemons' packages (it starts them by class name).
 */
package dev.ember.cluster.standalone;
