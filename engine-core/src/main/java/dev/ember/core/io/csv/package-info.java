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
 *   <li>Records as Spark reads them: without {@code multiLine} (the default) a record is a line,
 *       ending with {@code \n}, {@code \r\n} or a lone {@code \r} (or the one {@code lineSep}
 *       character); a quote never carries a record past its line, so a stray quote makes only its
 *       own line malformed, and every line start is a record start, which makes any byte a correct
 *       split point. With {@code multiLine} quoted fields may hold line breaks, lines end with
 *       {@code \n} or {@code \r\n} (a lone {@code \r} is data), an unclosed quote takes the rest
 *       of the file, and files are not split.
 *   <li>Inside quotes, {@code ""} and escape+quote stand for a quote, escape+escape for the escape;
 *       bytes after a closing quote are appended to the value. A quote that is not closed makes the
 *       record malformed (Spark flags it only through the field count it causes); PERMISSIVE keeps
 *       the fields cut so far, the open field running to the line's end.
 *   <li>Lines starting with the {@code comment} character are skipped; {@code
 *       ignoreLeadingWhiteSpace}/{@code ignoreTrailingWhiteSpace} trim blanks outside quotes;
 *       {@code emptyValue} is what a quoted empty field reads as; {@code encoding} is UTF-8 or
 *       ISO-8859-1 (US-ASCII too), whose delimiters and line breaks are single bytes.
 *   <li>The column named {@code columnNameOfCorruptRecord} (STRING), when the schema has one, is not
 *       a field of the file: in PERMISSIVE mode it holds the text of each malformed record.
 *   <li>Blank lines (empty after {@code trim()}) are skipped, as Spark does; a UTF-8 byte order
 *       mark at a file start is skipped.
 *   <li>The empty field, quoted or not, is null, so an empty string written as {@code ""} reads
 *       back as null (Spark's defaults). A string equal to a non-empty nullValue also reads as null.
 *   <li>The writer quotes strings with the delimiter, quote, escape, CR or LF, empty strings, and
 *       strings with leading or trailing blanks (Spark's writer trims those instead); it writes
 *       null as nullValue (empty by default) and timestamps in the default pattern with six
 *       fraction digits and {@code Z}, which reads back exactly.
 *   <li>Schema inference reads every record (or a {@code samplingRatio} sample, fixed seed) and picks the first of INT, LONG, DOUBLE, BOOLEAN,
 *       DATE, TIMESTAMP that all non-null values parse as; DATE as Spark 3.5's default
 *       preferDate=true; dates mixed with timestamps give TIMESTAMP (Spark: STRING when a custom
 *       timestampFormat is set); integers beyond LONG (at most 38 digits) give DECIMAL(digits, 0),
 *       as Spark's CSVInferSchema (see {@code ColumnTypeVotes}).
 *   <li>DECIMAL columns read as Spark's reader with its default locale: grouping commas dropped,
 *       HALF_UP to the column's scale, a value with too many digits is malformed; written as plain
 *       digits (see {@code CsvDecimalParser}).
 *   <li>Scan pushdown: a scan converts only its required columns and applies its pushed filter to
 *       each chunk. As in Spark with CSV column pruning, a bad value in a column the scan does not
 *       read makes no record malformed; a wrong field count or an unclosed quote always does, and
 *       the modes act before the pushed filter.
 * </ul>
 *
 * <p>May import: {@code operator}, {@code plan}, {@code source}, {@code result}, {@code io}, {@code
 * expression}(+{@code .evaluation}), {@code vector}, {@code types}, {@code text} (the date/time parser and calendar); never {@code task}, {@code shuffle} or
 * the scheduler ({@code task.OperatorFactory} builds its scan operator).
 */
package dev.ember.core.io.csv;
