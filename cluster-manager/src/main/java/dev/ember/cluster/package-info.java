/**
 * Scheduler backends and the parsing of master URLs.
 *
 * <p>May import: {@code cluster.local}, engine-core and the shuffle module.
 */
package dev.ember.cluster;
