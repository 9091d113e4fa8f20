/**
 * Columnar batches: typed column vectors with null bits, batch builders and the batch size estimator
 * ({@code BatchSizes}). Strings are UTF-8 bytes with offsets or dictionary ids
 * ({@code StringVector}), with byte-level helpers ({@code Utf8}) and a dictionary builder
 * ({@code StringDictionaryBuilder}) for the CSV reader and the codec.
 *
 * <p>May import: {@code types}.
 */
package dev.ember.core.vector;
