/**
 * The block fetcher SPI that a reduce task reads map outputs through.
 *
 * <p>May import: engine-core's {@code shuffle} and {@code vector}.
 */
package dev.ember.shuffle.fetch;
