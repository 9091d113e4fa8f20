package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 3, "Done when": what scan pushdown buys. A query over a wide CSV file that needs only 2 of
 * its 10 columns and keeps about 1% of the rows,
 *
 * <pre>
 *   orders.filter(col("quantity").lt(1)).agg(count(col("*")), sum(col("price")))
 * </pre>
 *
 * runs with the optimizer on and off ({@code ember.sql.optimizer.enabled}). With it on, the filter
 * and the two required columns go into the CSV scan, which then parses only those columns and
 * drops rows before building batches; with it off, every field of every row is parsed into
 * batches and filtered afterwards. The target: <b>at least 3x faster with the optimizer
 * on</b> ({@code off / on >= 3} for the default 512 MB file).
 *
 * <p>The file (10 columns: longs, ints, doubles, dates, strings of varying length; about 100
 * bytes a row, 5 million rows for 512 MB) is generated once, deterministically, under {@code
 * java.io.tmpdir}/ember-bench and reused by later runs of the same size. Each invocation reads
 * the whole file, so the mode is single-shot with few iterations. Run it with
 *
 * <pre>
 *   benchmarks/run CsvScanPushdown -f 1 -wi 1 -i 3
 *   benchmarks/run CsvScanPushdown -f 1 -wi 1 -i 3 -p sizeMegabytes=128   # a quicker look
 * </pre>
 *
 * and divide the {@code optimizer=off} score by the {@code optimizer=on} score. The last result of
 * each trial is checked against the count and sum recorded when the file was written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class CsvScanPushdownBenchmark {
  /** The columns of the file, in order; the query needs {@code quantity} and {@code price}. */
  static final String SCHEMA = "order_id BIGINT, customer_id INT, quantity INT, price DOUBLE, discount DOUBLE,"
      + " ship_date DATE, status STRING, customer_name STRING, comment STRING, priority INT";
  /** Bumped whenever the generated content changes, so that old cached files are not reused. */
  private static final int FORMAT_VERSION = 1;
  private static final long SEED = 20_261_124L;
  /** {@code quantity} is uniform in 0..99: {@code quantity < 1} keeps 1% of the rows. */
  private static final int QUANTITY_RANGE = 100;

  /** The file size in MiB (at least). */
  @Param({"512"})
  public int sizeMegabytes;

  /** {@code on} or {@code off}: the value of {@code ember.sql.optimizer.enabled}. */
  @Param({"on", "off"})
  public String optimizer;

  private EmberSession session;
  private DataFrame query;
  private Expected expected;
  private List<Row> lastResult;

  @Setup(Level.Trial)
  public void start() throws IOException {
    Path file = CsvFile.ensure(sizeMegabytes);
    expected = Expected.read(CsvFile.expectedPath(file));
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder()
        .appName("csv-scan-pushdown-benchmark")
        .master("local[2]")
        .config("ember.sql.optimizer.enabled", switch (optimizer) {
          case "on" -> "true";
          case "off" -> "false";
          default -> throw new IllegalArgumentException("optimizer must be on or off, not '" + optimizer + "'");
        })
        .getOrCreate();
    query = session.read()
        .option("header", "true")
        .schema(SCHEMA)
        .csv(file.toString())
        .filter(col("quantity").lt(lit(1)))
        .agg(count(col("*")).as("matched"), sum(col("price")).as("revenue"));
  }

  @Benchmark
  public List<Row> filterTwoColumnsOfTen() {
    lastResult = query.collectAsList();
    return lastResult;
  }

  /** Fails the trial when the query's answer is not the one recorded while writing the file. */
  @TearDown(Level.Trial)
  public void checkAndStop() {
    try {
      if (lastResult != null) {
        expected.check(lastResult);
      }
    } finally {
      session.stop();
    }
  }

  /** The count and the sum (in cents, exact) of the rows that pass the filter. */
  record Expected(long matched, long revenueCents) {
    static Expected read(Path path) throws IOException {
      Properties properties = new Properties();
      try (var input = Files.newInputStream(path)) {
        properties.load(input);
      }
      return new Expected(Long.parseLong(properties.getProperty("matched")),
          Long.parseLong(properties.getProperty("revenueCents")));
    }

    void write(Path path) throws IOException {
      Properties properties = new Properties();
      properties.setProperty("matched", Long.toString(matched));
      properties.setProperty("revenueCents", Long.toString(revenueCents));
      try (var output = Files.newOutputStream(path)) {
        properties.store(output, "the answer of CsvScanPushdownBenchmark's query over the file beside this one");
      }
    }

    void check(List<Row> rows) {
      if (rows.size() != 1) {
        throw new IllegalStateException("the global aggregate returned " + rows.size() + " rows instead of one");
      }
      long matchedActual = rows.get(0).getLong(0);
      double revenue = rows.get(0).getDouble(1);
      double revenueExpected = revenueCents / 100.0;
      if (matchedActual != matched || Math.abs(revenue - revenueExpected) > Math.max(0.01, Math.abs(revenueExpected) * 1e-9)) {
        throw new IllegalStateException("wrong answer: matched=" + matchedActual + ", revenue=" + revenue
            + "; expected matched=" + matched + ", revenue=" + revenueExpected);
      }
    }
  }

  /** Writes the benchmark's CSV file once and finds it again later. */
  static final class CsvFile {
    private static final int ROWS_PER_CHECK = 4096;
    private static final LocalDate FIRST_DATE = LocalDate.of(2020, 1, 1);
    private static final String[] STATUSES = {"shipped", "pending", "returned", "cancelled", "on-hold"};

    private CsvFile() {}

    static Path directory() {
      return Path.of(System.getProperty("java.io.tmpdir"), "ember-bench");
    }

    static Path path(int sizeMegabytes) {
      return directory().resolve("csv-scan-pushdown-v" + FORMAT_VERSION + "-" + sizeMegabytes + "mb.csv");
    }

    static Path expectedPath(Path file) {
      return file.resolveSibling(file.getFileName() + ".expected");
    }

    /**
     * The file of at least {@code sizeMegabytes} MiB: reused when it is there with its answer file
     * (both are written to temporary names and moved into place, so a run that was killed while
     * writing leaves nothing that looks finished), else written now.
     */
    static Path ensure(int sizeMegabytes) throws IOException {
      if (sizeMegabytes < 1) {
        throw new IllegalArgumentException("sizeMegabytes must be positive, not " + sizeMegabytes);
      }
      Path file = path(sizeMegabytes);
      long minimumBytes = (long) sizeMegabytes << 20;
      if (Files.isRegularFile(file) && Files.size(file) >= minimumBytes && Files.isRegularFile(expectedPath(file))) {
        return file;
      }
      Files.createDirectories(directory());
      Path temporary = Files.createTempFile(directory(), "writing-", ".csv");
      Path temporaryExpected = Files.createTempFile(directory(), "writing-", ".expected");
      try {
        long started = System.nanoTime();
        Expected answer = write(temporary, minimumBytes);
        answer.write(temporaryExpected);
        Files.move(temporaryExpected, expectedPath(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("wrote %s (%d MiB) in %d ms%n", file, Files.size(file) >> 20,
            (System.nanoTime() - started) / 1_000_000);
      } finally {
        Files.deleteIfExists(temporary);
        Files.deleteIfExists(temporaryExpected);
      }
      return file;
    }

    /** Writes rows until the file holds at least {@code minimumBytes}; returns the query's answer. */
    private static Expected write(Path path, long minimumBytes) throws IOException {
      SplittableRandom random = new SplittableRandom(SEED);
      byte[][] dates = new byte[730][];
      for (int i = 0; i < dates.length; i++) {
        dates[i] = FIRST_DATE.plusDays(i).toString().getBytes(StandardCharsets.US_ASCII);
      }
      byte[][] statuses = new byte[STATUSES.length][];
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = STATUSES[i].getBytes(StandardCharsets.US_ASCII);
      }
      byte[][] names = words(random, 2000, 5, 20);
      byte[][] comments = words(random, 5000, 10, 70);
      long matched = 0;
      long revenueCents = 0;
      long written = 0;
      try (CountingOutput output = new CountingOutput(new BufferedOutputStream(Files.newOutputStream(path), 1 << 20))) {
        output.ascii("order_id,customer_id,quantity,price,discount,ship_date,status,customer_name,comment,priority\n");
        for (long orderId = 0; ; orderId++) {
          int quantity = random.nextInt(QUANTITY_RANGE);
          long priceCents = 100 + random.nextInt(999_900);
          output.number(orderId).comma();
          output.number(random.nextInt(1_000_000)).comma();
          output.number(quantity).comma();
          output.cents(priceCents).comma();
          output.cents(random.nextInt(5000)).comma();
          output.bytes(dates[random.nextInt(dates.length)]).comma();
          output.bytes(statuses[random.nextInt(statuses.length)]).comma();
          output.bytes(names[random.nextInt(names.length)]).comma();
          output.bytes(comments[random.nextInt(comments.length)]).comma();
          output.number(random.nextInt(5)).newline();
          if (quantity < 1) {
            matched++;
            revenueCents += priceCents;
          }
          if (orderId % ROWS_PER_CHECK == 0 && output.count() >= minimumBytes) {
            break;
          }
        }
        written = output.count();
      }
      if (written < minimumBytes) {
        throw new IllegalStateException("wrote " + written + " bytes, fewer than " + minimumBytes);
      }
      return new Expected(matched, revenueCents);
    }

    /** Lower-case words with spaces, of random lengths in {@code [minimum, maximum]}. */
    private static byte[][] words(SplittableRandom random, int count, int minimum, int maximum) {
      byte[][] words = new byte[count][];
      for (int i = 0; i < count; i++) {
        byte[] word = new byte[minimum + random.nextInt(maximum - minimum + 1)];
        for (int j = 0; j < word.length; j++) {
          word[j] = (byte) (j > 0 && j < word.length - 1 && random.nextInt(6) == 0 ? ' ' : 'a' + random.nextInt(26));
        }
        words[i] = word;
      }
      return words;
    }
  }

  /** A buffered byte sink that formats numbers without building strings and counts its bytes. */
  static final class CountingOutput implements AutoCloseable {
    private final OutputStream output;
    private final byte[] digits = new byte[20];
    private long count;

    CountingOutput(OutputStream output) {
      this.output = output;
    }

    long count() {
      return count;
    }

    CountingOutput ascii(String text) {
      return bytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    CountingOutput bytes(byte[] bytes) {
      try {
        output.write(bytes);
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
      count += bytes.length;
      return this;
    }

    CountingOutput comma() {
      return single(',');
    }

    CountingOutput newline() {
      return single('\n');
    }

    private CountingOutput single(char character) {
      try {
        output.write(character);
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
      count++;
      return this;
    }

    /** A non-negative number in decimal. */
    CountingOutput number(long value) {
      int position = digits.length;
      do {
        digits[--position] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value > 0);
      try {
        output.write(digits, position, digits.length - position);
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
      count += digits.length - position;
      return this;
    }

    /** A non-negative amount of cents as {@code units.cc}. */
    CountingOutput cents(long cents) {
      number(cents / 100);
      single('.');
      long fraction = cents % 100;
      single((char) ('0' + fraction / 10));
      return single((char) ('0' + fraction % 10));
    }

    @Override
    public void close() throws IOException {
      output.close();
    }
  }
}
