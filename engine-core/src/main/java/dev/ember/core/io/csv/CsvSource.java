package dev.ember.core.io.csv;

import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The driver side of CSV reading: finds the files behind the given paths, cuts them into splits
 * (one task each) and infers a schema.
 */
public final class CsvSource {
  /** Spark's limit on the number of columns of a record. */
  static final int MAX_COLUMNS = 20_480;

  private CsvSource() {}

  /**
   * The splits of the given paths, in order. A path is a file, or a directory whose files (not
   * recursively; names starting with {@code _} or {@code .} are skipped, as are subdirectories)
   * are taken sorted by name; a {@code file:} URI is accepted too. Files longer than
   * {@code maxSplitBytes} are cut into ranges of that many bytes (the reader realigns to records).
   * An empty file yields no split. Split paths are absolute and normalized.
   *
   * @throws InputPathNotFoundException when a path does not exist
   */
  public static List<FileSplit> planSplits(List<String> paths, long maxSplitBytes) {
    return planSplits(paths, maxSplitBytes, CsvOptions.defaults());
  }

  /**
   * As {@link #planSplits(List, long)}, one split per file when the options say {@code multiLine}:
   * a quoted field may then hold line breaks, so no byte offset inside a file is known to start a
   * record (as Spark, which does not split multiLine files).
   */
  public static List<FileSplit> planSplits(List<String> paths, long maxSplitBytes, CsvOptions options) {
    Objects.requireNonNull(options, "options is null");
    if (options.multiLine()) {
      maxSplitBytes = Long.MAX_VALUE;
    }
    Objects.requireNonNull(paths, "paths is null");
    if (maxSplitBytes <= 0) {
      throw new IllegalArgumentException("maxSplitBytes must be positive, got " + maxSplitBytes);
    }
    List<FileSplit> splits = new ArrayList<>();
    for (String name : paths) {
      Path path = toPath(Objects.requireNonNull(name, "a path is null"));
      if (!Files.exists(path)) {
        throw new InputPathNotFoundException(path.toString());
      }
      if (Files.isDirectory(path)) {
        for (Path file : listDataFiles(path)) {
          addSplits(file, maxSplitBytes, splits);
        }
      } else {
        addSplits(path, maxSplitBytes, splits);
      }
    }
    return List.copyOf(splits);
  }

  private static Path toPath(String name) {
    Path path = name.startsWith("file:") ? Path.of(URI.create(name)) : Path.of(name);
    return path.toAbsolutePath().normalize();
  }

  private static List<Path> listDataFiles(Path directory) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        String fileName = entry.getFileName().toString();
        if (!fileName.startsWith("_") && !fileName.startsWith(".") && Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list directory " + directory + ": " + e, e);
    }
    files.sort((left, right) -> left.getFileName().toString().compareTo(right.getFileName().toString()));
    return files;
  }

  private static void addSplits(Path file, long maxSplitBytes, List<FileSplit> splits) {
    long length;
    try {
      length = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the size of " + file + ": " + e, e);
    }
    for (long start = 0; start < length; start += maxSplitBytes) {
      splits.add(new FileSplit(file.toString(), start, Math.min(maxSplitBytes, length - start), length));
    }
  }

  /**
   * The schema of the records in {@code splits}. Column names come from the first record (the
   * header when {@code options.header()}, made unique as Spark does: an empty name or one equal to
   * nullValue becomes {@code _c<index>}, names that occur more than once, ignoring case, get their
   * index appended) or are {@code _c0, _c1, ...}. Without {@code inferTypes} every column is
   * STRING. With it, every record is read (Spark's default samplingRatio 1.0) and each column gets
   * the first of INT, LONG, DOUBLE, BOOLEAN, DATE, TIMESTAMP that every non-null value of the
   * column parses as, else STRING; a column without values is STRING. DATE uses the dateFormat
   * pattern only (as Spark 3.5 with its default preferDate=true); TIMESTAMP uses what the reader
   * accepts, which includes plain dates, so a mix of dates and timestamps is TIMESTAMP. Integers
   * beyond LONG give DECIMAL(digits, 0), as in Spark. Fields are nullable. No records
   * at all gives an empty schema.
   */
  public static Schema inferSchema(List<FileSplit> splits, CsvOptions options, boolean inferTypes) {
    return inferSchema(splits, options, inferTypes, 1.0);
  }

  /**
   * As {@link #inferSchema(List, CsvOptions, boolean)}, the types from a sample of the records:
   * each record is kept with probability {@code samplingRatio} (Spark's option; a fixed seed, so
   * the same files give the same schema). A sample without records falls back to every record.
   */
  public static Schema inferSchema(List<FileSplit> splits, CsvOptions options, boolean inferTypes, double samplingRatio) {
    if (!(samplingRatio > 0 && samplingRatio <= 1)) {
      throw new IllegalArgumentException("samplingRatio must be in (0, 1], got " + samplingRatio);
    }
    Objects.requireNonNull(splits, "splits is null");
    Objects.requireNonNull(options, "options is null");
    List<String> first = firstRecord(splits, options);
    if (first == null) {
      return new Schema(List.of());
    }
    List<String> names = options.header() ? headerNames(first, options) : positionalNames(first.size());
    ColumnType[] types = new ColumnType[names.size()];
    Arrays.fill(types, ColumnType.STRING);
    if (inferTypes && !names.isEmpty()) {
      types = inferTypes(splits, options, names.size(), samplingRatio);
    }
    List<Field> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      fields.add(new Field(names.get(i), types[i], true));
    }
    return new Schema(fields);
  }

  /** The fields of the first record of a split (its header when it starts a file), empty fields null; null when it has none. */
  public static List<String> header(FileSplit split, CsvOptions options) {
    return firstRecord(List.of(split), options);
  }

  /** The fields of the first non-blank record of the splits (empty field: null), or null when there is none. */
  private static List<String> firstRecord(List<FileSplit> splits, CsvOptions options) {
    for (FileSplit split : splits) {
      try (CsvRecordReader reader = new CsvRecordReader(split, options, MAX_COLUMNS, 1, false, 1 << 16)) {
        if (reader.readChunk() == 1) {
          int count = Math.min(reader.fieldCounts[0], MAX_COLUMNS);
          List<String> fields = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int start = reader.fieldStarts[i];
            int end = reader.fieldEnds[i];
            if (start == CsvRecordReader.QUOTED_EMPTY) {
              fields.add(options.emptyValue().isEmpty() ? null : options.emptyValue());
            } else {
              fields.add(start == end ? null : new String(reader.buffer, start, end - start, options.charset()));
            }
          }
          return fields;
        }
      }
    }
    return null;
  }

  private static List<String> positionalNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add("_c" + i);
    }
    return names;
  }

  /** Spark's CSVUtils.makeSafeHeader with case-insensitive analysis. */
  static List<String> headerNames(List<String> header, CsvOptions options) {
    String nullValue = options.nullValue();
    Map<String, Integer> occurrences = new HashMap<>();
    for (String name : header) {
      if (name != null) {
        occurrences.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
      }
    }
    List<String> names = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (name == null || name.isEmpty() || name.equals(nullValue)) {
        names.add("_c" + i);
      } else if (occurrences.get(name.toLowerCase(Locale.ROOT)) > 1) {
        names.add(name + i);
      } else {
        names.add(name);
      }
    }
    return names;
  }

  private static ColumnType[] inferTypes(List<FileSplit> splits, CsvOptions options, int width, double samplingRatio) {
    if (samplingRatio < 1) {
      ColumnTypeVotes sampled = vote(splits, options, width, new Random(SAMPLING_SEED), samplingRatio);
      if (sampled.sawRecords()) {
        return sampled.result();
      }
    }
    return vote(splits, options, width, null, 1).result();
  }

  /** Spark samples with a fixed seed as well, so that a schema does not change from run to run. */
  private static final long SAMPLING_SEED = 1;

  private static ColumnTypeVotes vote(List<FileSplit> splits, CsvOptions options, int width, Random random, double ratio) {
    ColumnTypeVotes votes = new ColumnTypeVotes(width, options);
    int rowsPerChunk = CsvRecordReader.rowsPerChunk(width);
    boolean[] sampled = random == null ? null : new boolean[rowsPerChunk];
    for (FileSplit split : splits) {
      try (CsvRecordReader reader = new CsvRecordReader(
          split, options, width, rowsPerChunk, options.header(), CsvRecordReader.DEFAULT_BUFFER_BYTES)) {
        int rows;
        while ((rows = reader.readChunk()) > 0) {
          if (sampled != null) {
            for (int row = 0; row < rows; row++) {
              sampled[row] = random.nextDouble() < ratio;
            }
          }
          votes.add(reader, rows, sampled);
          if (votes.allString()) {
            return votes;
          }
        }
      }
    }
    return votes;
  }
}
