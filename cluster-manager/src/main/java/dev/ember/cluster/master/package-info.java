/**
 * The standalone master daemon: worker registry with heartbeat timeouts, application registry,
 * executor placement, and its main class {@code EmberMaster}.
 *
 * <p>May import: {@code cluster.rpc}, {@code cluster.launch}, {@code dev.ember.cluster} (master
 * URLs), engine-core's {@code network}. Nothing in the module imports it (processes start it by name).
 */
package dev.ember.cluster.master;
