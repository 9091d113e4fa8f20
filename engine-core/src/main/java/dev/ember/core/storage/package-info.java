/**
 * The executor's block manager: cached partitions in memory or on disk, their ids and storage modes,
 * and the compressed column form of blocks on the heap ({@link dev.ember.core.storage.CachedBatch},
 * {@link dev.ember.core.storage.ColumnCompression}).
 *
 * <p>May import: {@code memory}, {@code io}, {@code vector}, {@code types}, {@code metrics}; never plans,
 * operators or tasks.
 */
package dev.ember.core.storage;
