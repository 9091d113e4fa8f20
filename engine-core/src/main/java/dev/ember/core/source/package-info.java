/**
 * Descriptions of what a scan reads, with no reading code: file splits and each format's options (CSV now;
 * JSON, Parquet and Arrow options join here). Physical plans carry these records, so {@code plan} never
 * sees a reader.
 *
 * <p>May import: the JDK only.
 */
package dev.ember.core.source;
