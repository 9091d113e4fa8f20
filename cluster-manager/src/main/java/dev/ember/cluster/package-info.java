/**
 * The module's API: {@link dev.ember.cluster.MasterUrl} (the one parser of master URLs) and
 * {@link dev.ember.cluster.ExecutionEngines} (the scheduler backend for a master URL: local
 * threads, a standalone master, or a local cluster).
 *
 * <p>May import: {@code cluster.local}, {@code cluster.standalone}, engine-core and the shuffle
 * module. The daemons ({@code cluster.master}, {@code cluster.worker}, {@code cluster.executor})
 * sit above it and may import it (they parse master URLs), so it never imports them.
 */
package dev.ember.cluster;
