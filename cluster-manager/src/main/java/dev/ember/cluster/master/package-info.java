/**
 * The standalone master daemon: worker registry with heartbeat timeouts, application registry,
 * executor placement. Imports {@code rpc} and {@code launch} (for its main), never the driver side.
 */
package dev.ember.cluster.master;
