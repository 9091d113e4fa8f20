/**
 * The sort-based disk shuffle: writers, index and data files, and the reader; in local mode
 * ({@link dev.ember.shuffle.sort.DiskShuffleManager#inProcess}) map outputs are held as batches and
 * read by reference, and reach the files only when memory runs short.
 *
 * <p>May import: {@code shuffle.fetch}, {@code shuffle.partition}, and engine-core's {@code shuffle},
 * {@code operator}, {@code memory}, {@code metrics}, {@code io}, {@code codec} (block encoding and LZ4
 * frames), {@code vector}, {@code types}.
 */
package dev.ember.shuffle.sort;
