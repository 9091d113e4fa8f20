/**
 * The byte format of shuffle blocks: columnar block encoding and LZ4 frames.
 *
 * <p>May import: engine-core's {@code vector} and {@code types}; no other shuffle package.
 */
package dev.ember.shuffle.format;
