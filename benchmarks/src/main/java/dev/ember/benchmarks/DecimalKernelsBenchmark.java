package dev.ember.benchmarks;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;

import dev.ember.sql.Column;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issues 8 and 11, the decimal kernels over a cached 4-million-row table of TPC-H lineitem's money
 * columns (DECIMAL(15,2) price, discount, tax and quantity, a 4-value flag) in {@code local[2]}:
 * the products Q1 sums ({@code price * (1 - discount)} is DECIMAL(32,4), times {@code (1 + tax)}
 * DECIMAL(38,6): both wider than a long), filtered on a wide product, summed globally and per
 * group, sum/avg of a compact column, and a sum per order key over a million groups (TPC-H Q18's
 * aggregate: keys ascending, four rows each). Uses only the public API, so the same class measures
 * the engine before and after a change of its kernels; {@code -prof gc} gives the bytes allocated
 * per query ({@code gc.alloc.rate.norm}), which the paged aggregate state (session 11) lowered.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class DecimalKernelsBenchmark {
  private static final String[] FLAGS = {"A|F", "N|F", "N|O", "R|F"};
  private static final int ROWS = 4_000_000;

  private EmberSession session;
  private Path directory;
  private DataFrame table;

  @Setup(Level.Trial)
  public void start() throws IOException {
    directory = Files.createTempDirectory("ember-decimal-kernels");
    Path file = directory.resolve("lines.csv");
    Random random = new Random(11);
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int row = 0; row < ROWS; row++) {
        line.setLength(0);
        int quantity = 1 + random.nextInt(50);
        // Prices as dbgen makes them: quantity times a part price of 900.00 to 2,000.99.
        long priceCents = quantity * (90_000L + random.nextInt(110_100));
        line.append(FLAGS[random.nextInt(FLAGS.length)]).append(',')
            .append(quantity).append(".00,")
            .append(priceCents / 100).append('.').append(String.format("%02d", priceCents % 100)).append(',')
            .append("0.0").append(random.nextInt(11)).append(',')
            .append("0.0").append(random.nextInt(9)).append(',')
            // Order keys ascend, four lines an order, as lineitem's l_orderkey does.
            .append(row / 4 + 1).append('\n');
        writer.write(line.toString());
      }
    }
    session = EmberSession.builder().appName("decimal-kernels").master("local[2]").getOrCreate();
    table = session.read()
        .schema("flag STRING, quantity DECIMAL(15,2), price DECIMAL(15,2), discount DECIMAL(15,2), tax DECIMAL(15,2), orderkey BIGINT")
        .csv(file.toString())
        .cache();
    table.count();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    session.stop();
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  private static Column discounted() {
    return col("price").multiply(lit(1).minus(col("discount")));
  }

  private static Column charged() {
    return discounted().multiply(lit(1).plus(col("tax")));
  }

  /** Two wide products per row and a comparison of the DECIMAL(38,6) result. */
  @Benchmark
  public long multiplyAndFilter() {
    return table.filter(charged().gt(lit(new BigDecimal("50000.000000")))).count();
  }

  /** Q6's shape: one DECIMAL(32,4) product per row into a global wide sum. */
  @Benchmark
  public List<Row> sumOfProducts() {
    return table.agg(sum(discounted())).collectAsList();
  }

  /** Q1's aggregates: compact sums and averages, wide sums of both products, four groups. */
  @Benchmark
  public List<Row> groupedSums() {
    return table.groupBy(col("flag"))
        .agg(sum(col("quantity")), sum(col("price")), sum(discounted()), sum(charged()),
            avg(col("quantity")), avg(col("price")), avg(col("discount")), count(col("*")))
        .collectAsList();
  }

  /**
   * Q18's inner aggregate: sum(quantity) per order key, a million groups (split over the partial
   * tasks by the table's partitions, then over the two final tasks), keeping the orders above a bound.
   */
  @Benchmark
  public long manyGroupSums() {
    return table.groupBy(col("orderkey")).agg(sum(col("quantity")).as("total"))
        .filter(col("total").gt(lit(new BigDecimal("180.00")))).count();
  }

  /** sum and avg of a compact DECIMAL(15,2): the DECIMAL(25,2) sum type is wider than a long. */
  @Benchmark
  public List<Row> compactSumAndAverage() {
    return table.agg(sum(col("price")), avg(col("price"))).collectAsList();
  }
}
