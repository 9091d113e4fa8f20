package dev.ember.core.source;

/**
 * How to read one file format: the description a file scan carries, never the reader itself. Sealed so a
 * switch over formats (choosing the scan operator, rendering explain) breaks at compile time when JSON,
 * Parquet or Arrow options join.
 */
public sealed interface FileFormatOptions permits CsvOptions {
  /** The format's name as users write it in {@code read().format(...)}. */
  String formatName();
}
