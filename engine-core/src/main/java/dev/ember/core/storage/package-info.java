/**
 * The executor's block manager: cached partitions in memory or on disk, their ids and storage modes.
 *
 * <p>May import: {@code memory}, {@code io}, {@code vector}, {@code types}, {@code metrics}; never plans,
 * operators or tasks.
 */
package dev.ember.core.storage;
