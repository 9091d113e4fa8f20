/**
 * Columnar batches: typed column vectors with null bits, batch builders and the batch size estimator
 * ({@code BatchSizes}). A batch may carry a selection of its physical rows (what a filter keeps);
 * its columns then read as the selected rows, gathered on first use ({@code Batch#column}). Strings are UTF-8 bytes with offsets or dictionary ids
 * ({@code StringVector}), with byte-level helpers ({@code Utf8}) and a dictionary builder
 * ({@code StringDictionaryBuilder}) for the CSV reader and the codec.
 *
 * <p>May import: {@code types}.
 */
package dev.ember.core.vector;
