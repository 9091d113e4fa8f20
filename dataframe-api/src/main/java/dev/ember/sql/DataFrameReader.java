package dev.ember.sql;

import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.io.csv.CsvSource;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.Schema;
import dev.ember.sql.internal.CsvOptionException;
import dev.ember.sql.internal.CsvOptionsParser;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.StructType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads files into a DataFrame, as Spark's {@code DataFrameReader}: {@code
 * session.read().option("header", "true").option("inferSchema", "true").csv("data/")}. CSV is the
 * only format today. Options (case-insensitive names, Spark's): {@code header}, {@code inferSchema},
 * {@code sep}/{@code delimiter}, {@code quote}, {@code escape}, {@code nullValue}, {@code emptyValue},
 * {@code dateFormat}, {@code timestampFormat}, {@code locale}, {@code mode} (PERMISSIVE,
 * DROPMALFORMED, FAILFAST), {@code columnNameOfCorruptRecord}, {@code multiLine},
 * {@code encoding}/{@code charset} (UTF-8, ISO-8859-1), {@code lineSep}, {@code comment},
 * {@code ignoreLeadingWhiteSpace}, {@code ignoreTrailingWhiteSpace}, {@code samplingRatio},
 * {@code enforceSchema}. Options are checked when the reader is used ({@code load}/{@code csv}):
 * an unknown name fails with the closest known names, and a Spark option Ember does not implement
 * fails naming it ({@link InvalidOptionException}); Spark itself ignores unknown names.
 */
public final class DataFrameReader {
  /**
   * Splits are never larger than this, Spark's {@code spark.sql.files.maxPartitionBytes}: a big file
   * is read by several tasks, and each task is worth its fixed cost (scheduling, a plan to decode,
   * operators to build), which in a young JVM is most of a small task's time.
   */
  static final long MAX_SPLIT_BYTES = 128L << 20;
  /**
   * Spark's {@code spark.sql.files.openCostInBytes}: what opening a file is reckoned to cost, in
   * bytes read. Splits are not cut smaller than this (small files stay one split), and each file
   * counts this much more towards the bytes per slot, so that files a little larger than their share
   * are not cut into one split of their share and a sliver (TPC-H's two 85 MB orders files on 2
   * slots: 3 tasks, the third reading 0.1 MB, without it; 2 with it, as in Spark).
   */
  static final long OPEN_COST_BYTES = 4L << 20;
  private static final long WHOLE_FILE = Long.MAX_VALUE / 4;

  private final EmberSession session;
  private final Map<String, String> options = new LinkedHashMap<>();
  private String format = "csv";
  private StructType userSchema;

  DataFrameReader(EmberSession session) {
    this.session = session;
  }

  /**
   * The input format: {@code csv}.
   *
   * @throws UnsupportedOperationException for json, parquet, arrow and other formats planned for later
   * @throws IllegalArgumentException for an unknown format
   */
  public DataFrameReader format(String source) {
    this.format = checkFormat(source);
    return this;
  }

  static String checkFormat(String source) {
    String lower = Objects.requireNonNull(source, "source is null").toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "csv" -> lower;
      case "json", "parquet", "arrow", "orc", "text", "avro" -> throw new UnsupportedOperationException(
          "The " + lower + " data source arrives with a later release; supported now: csv");
      default -> throw new IllegalArgumentException(
          "[DATA_SOURCE_NOT_FOUND] Failed to find the data source: " + source + ". Supported: csv");
    };
  }

  public DataFrameReader option(String key, String value) {
    options.put(Objects.requireNonNull(key, "key is null").toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value is null"));
    return this;
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataFrameReader options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /** The schema of the files; without it, columns are STRING or inferred ({@code inferSchema}). */
  public DataFrameReader schema(StructType schema) {
    this.userSchema = Objects.requireNonNull(schema, "schema is null");
    return this;
  }

  /** The schema in DDL: {@code "a INT, b STRING"}. */
  public DataFrameReader schema(String ddl) {
    return schema(StructType.fromDDL(ddl));
  }

  /** The options as parsed now (lower-case keys). */
  Map<String, String> optionMap() {
    return Collections.unmodifiableMap(options);
  }

  /**
   * Reads files and directories (every file inside) in the chosen format.
   *
   * @throws AnalysisException {@code [PATH_NOT_FOUND]} when a path does not exist
   * @throws InvalidOptionException for an unknown option name, a Spark option Ember does not
   *     implement, or a bad option value
   * @throws AnalysisException with {@code enforceSchema=false}, when a file's header does not match the schema
   */
  public DataFrame load(String... paths) {
    List<String> all = new ArrayList<>(List.of(paths));
    if (all.isEmpty() && options.containsKey("path")) {
      all.add(options.get("path"));
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("'path' is not specified: pass the files to load(...) or csv(...)");
    }
    CsvOptions csvOptions;
    double samplingRatio;
    boolean enforceSchema;
    try {
      csvOptions = CsvOptionsParser.parseForRead(options);
      samplingRatio = CsvOptionsParser.samplingRatio(options);
      enforceSchema = CsvOptionsParser.enforceSchema(options);
    } catch (CsvOptionException invalid) {
      throw new InvalidOptionException(invalid.getMessage(), invalid.option(), invalid.suggestions(), invalid);
    }
    boolean inferTypes = CsvOptionsParser.inferSchema(options);
    checkPathsExist(all);
    List<FileSplit> splits = planSplits(all, session.defaultParallelism(), csvOptions);
    Schema schema = userSchema != null
        ? TypeConversions.toSchema(userSchema)
        : CsvSource.inferSchema(splits, csvOptions, inferTypes, samplingRatio);
    if (userSchema != null && csvOptions.header() && !enforceSchema) {
      checkHeaders(splits, csvOptions, schema);
    }
    // Files can always hold an empty field: every column is nullable, as Spark makes them.
    List<AttributeReference> output = TypeConversions.newAttributes(schema, true);
    return new DataFrame(session, new CsvRelation(all, splits, csvOptions, output));
  }

  public DataFrame csv(String... paths) {
    format("csv");
    return load(paths);
  }

  /**
   * Fails at once, as Spark does, when a plain path (no glob characters) does not exist.
   *
   * @throws AnalysisException {@code [PATH_NOT_FOUND] Path does not exist: file:/...}
   */
  static void checkPathsExist(List<String> paths) {
    for (String path : paths) {
      Objects.requireNonNull(path, "path is null");
      if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
        continue;
      }
      Path local;
      try {
        local = path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
      } catch (IllegalArgumentException notALocalPath) {
        continue;
      }
      Path absolute = local.toAbsolutePath().normalize();
      if (!Files.exists(absolute)) {
        throw new AnalysisException("[PATH_NOT_FOUND] Path does not exist: file:" + absolute + ".");
      }
    }
  }

  /**
   * Spark's split sizing ({@code FilePartition.maxSplitBytes}): the bytes per slot, within [4 MiB,
   * 128 MiB]; {@code totalBytes} counts every file's length plus {@link #OPEN_COST_BYTES}.
   */
  static long maxSplitBytes(long totalBytes, int parallelism) {
    long bytesPerSlot = totalBytes / Math.max(1, parallelism);
    return Math.min(MAX_SPLIT_BYTES, Math.max(OPEN_COST_BYTES, bytesPerSlot));
  }

  /**
   * Spark's {@code enforceSchema=false}: each file's header must name the schema's columns (but the
   * corrupt-record column), in order, ignoring case.
   */
  private static void checkHeaders(List<FileSplit> splits, CsvOptions options, Schema schema) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (!schema.field(i).name().equals(options.columnNameOfCorruptRecord())) {
        expected.add(schema.field(i).name());
      }
    }
    for (FileSplit split : splits) {
      if (split.start() != 0) {
        continue;
      }
      List<String> header = CsvSource.header(split, options);
      if (header == null) {
        continue;
      }
      boolean matches = header.size() == expected.size();
      for (int i = 0; matches && i < header.size(); i++) {
        matches = header.get(i) != null && header.get(i).equalsIgnoreCase(expected.get(i));
      }
      if (!matches) {
        throw new AnalysisException("CSV header does not conform to the schema (enforceSchema=false).\n Header: "
            + String.join(", ", header.stream().map(String::valueOf).toList()) + "\n Schema: " + String.join(", ", expected)
            + "\nCSV file: file:" + split.path() + ". Set enforceSchema to true to read by position.");
      }
    }
  }

  private static List<FileSplit> planSplits(List<String> paths, int parallelism, CsvOptions options) {
    try {
      List<FileSplit> wholeFiles = CsvSource.planSplits(paths, WHOLE_FILE);
      long totalBytes = 0;
      long largest = 0;
      for (FileSplit split : wholeFiles) {
        totalBytes += split.length() + OPEN_COST_BYTES;
        largest = Math.max(largest, split.length());
      }
      long maxSplitBytes = maxSplitBytes(totalBytes, parallelism);
      // multiLine files are never split: no byte inside one is known to start a record.
      return largest <= maxSplitBytes || options.multiLine() ? wholeFiles : CsvSource.planSplits(paths, maxSplitBytes, options);
    } catch (InputPathNotFoundException notFound) {
      String message = notFound.getMessage();
      throw new AnalysisException(
          message != null && message.startsWith("[PATH_NOT_FOUND]") ? message : "[PATH_NOT_FOUND] " + message, notFound);
    }
  }
}
