/**
 * CSV as a source and a sink. The driver plans splits and infers a schema with
 * {@link dev.ember.core.io.csv.CsvSource}; each task reads one split with
 * {@link dev.ember.core.io.csv.CsvScanOperator} or writes one part file with
 * {@link dev.ember.core.io.csv.CsvPartitionWriter}; {@link dev.ember.core.io.FileCommitProtocol}
 * makes a write all-or-nothing.
 *
 * <p>Choices where Spark 3.5 is unclear or where Ember differs, in one place:
 *
 * <ul>
 *   <li>Records end with {@code \n} or {@code \r\n}; a lone {@code \r} is data (Spark also splits
 *       lines at a lone {@code \r}). Quoted fields may hold newlines within a split (like Spark's
 *       multiLine), but a split that begins inside such a field misaligns (like Spark without it).
 *   <li>Inside quotes, {@code ""} and escape+quote stand for a quote, escape+escape for the escape;
 *       bytes after a closing quote are appended to the value; an unclosed quote takes the rest of
 *       the file and makes the record malformed.
 *   <li>Blank lines (empty after {@code trim()}) are skipped, as Spark does; a UTF-8 byte order
 *       mark at a file start is skipped.
 *   <li>The empty field, quoted or not, is null, so an empty string written as {@code ""} reads
 *       back as null (Spark's defaults). A string equal to a non-empty nullValue also reads as null.
 *   <li>The writer quotes strings with the delimiter, quote, escape, CR or LF, empty strings, and
 *       strings with leading or trailing blanks (Spark's writer trims those instead); it writes
 *       null as nullValue (empty by default) and timestamps in the default pattern with six
 *       fraction digits and {@code Z}, which reads back exactly.
 *   <li>Schema inference reads every record and picks the first of INT, LONG, DOUBLE, BOOLEAN,
 *       DATE, TIMESTAMP that all non-null values parse as; DATE as Spark 3.5's default
 *       preferDate=true; dates mixed with timestamps give TIMESTAMP (Spark: STRING when a custom
 *       timestampFormat is set); integers beyond LONG give DOUBLE (Spark: DECIMAL).
 *   <li>DECIMAL columns are rejected by the reader and the writer until DECIMAL vectors exist
 *       (by the reader only when the scan reads them).
 *   <li>Scan pushdown: a scan converts only its required columns and applies its pushed filter to
 *       each chunk. As in Spark with CSV column pruning, a bad value in a column the scan does not
 *       read makes no record malformed; a wrong field count or an unclosed quote always does, and
 *       the modes act before the pushed filter.
 * </ul>
 *
 * <p>May import: {@code operator}, {@code plan}, {@code source}, {@code result}, {@code io}, {@code
 * expression}(+{@code .evaluation}), {@code vector}, {@code types}; never {@code task}, {@code shuffle} or
 * the scheduler ({@code task.OperatorFactory} builds its scan operator).
 */
package dev.ember.core.io.csv;
