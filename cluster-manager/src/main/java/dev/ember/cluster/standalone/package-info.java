/**
 * The driver's side of the standalone cluster: {@link dev.ember.cluster.standalone.StandaloneBackend}
 * (the scheduler backend over executor processes) and {@code local-cluster[W,C,M]}'s processes.
 * Imports {@code rpc}, {@code launch}, and the master and worker mains (to start them as processes).
 */
package dev.ember.cluster.standalone;
