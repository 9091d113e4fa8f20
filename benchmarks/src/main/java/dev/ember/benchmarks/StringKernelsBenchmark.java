package dev.ember.benchmarks;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.length;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.upper;

import dev.ember.core.codec.BatchDecoder;
import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.StringVector;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.BufferedWriter;
import java.io.IOException;
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
 * Issue 8, the string kernels over a cached table read from CSV (2 million rows shaped like TPC-H
 * lineitem's strings: a ship mode of 7 values, a name of 10,000 values, a 10-40 character comment)
 * in {@code local[2]}: group by a string key (few and many groups), {@code like}/{@code contains},
 * {@code upper}/{@code length}; and the codec decoding a block of strings (what every exchange and
 * spill read pays). Uses only API that existed before the UTF-8 layout, so the same class measures
 * the engine before and after.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class StringKernelsBenchmark {
  private static final String[] MODES = {"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "REG AIR", "FOB"};
  private static final String[] WORDS = {"furiously", "special", "deposits", "quickly", "bold", "requests", "ironic",
      "packages", "sleep", "carefully", "final", "accounts", "über", "café", "déjà"};
  private static final int ROWS = 2_000_000;
  private static final int BLOCK_ROWS = 4096;

  private EmberSession session;
  private Path directory;
  private DataFrame table;
  private byte[] encodedComments;
  private int encodedLength;

  @Setup(Level.Trial)
  public void start() throws IOException {
    directory = Files.createTempDirectory("ember-string-kernels");
    Path file = directory.resolve("lines.csv");
    Random random = new Random(8);
    String[] comments = new String[BLOCK_ROWS];
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder comment = new StringBuilder();
      for (int row = 0; row < ROWS; row++) {
        comment.setLength(0);
        int target = 10 + random.nextInt(31);
        while (comment.length() < target) {
          comment.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        String text = comment.substring(0, target).trim();
        if (row < BLOCK_ROWS) {
          comments[row] = text;
        }
        writer.write(MODES[random.nextInt(MODES.length)]);
        writer.write('|');
        writer.write("Customer#" + random.nextInt(10_000));
        writer.write('|');
        writer.write(text);
        writer.write('|');
        writer.write(Integer.toString(random.nextInt(1000)));
        writer.write('\n');
      }
    }
    session = EmberSession.builder().appName("string-kernels-benchmark").master("local[2]").getOrCreate();
    table = session.read().option("sep", "|").schema("mode STRING, name STRING, comment STRING, amount INT")
        .csv(file.toString()).cache();
    table.count();
    ByteArrayOutput out = new ByteArrayOutput(1 << 16);
    BatchEncoder.encode(Batch.of(new StringVector(ColumnType.STRING, comments, null, BLOCK_ROWS)), out);
    encodedComments = out.array();
    encodedLength = out.length();
  }

  @TearDown(Level.Trial)
  public void stop() throws IOException {
    session.stop();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public List<Row> groupByFewStrings() {
    return table.groupBy(col("mode")).agg(count(col("amount")), sum(col("amount"))).collectAsList();
  }

  @Benchmark
  public List<Row> groupByManyStrings() {
    return table.groupBy(col("name")).agg(sum(col("amount"))).collectAsList();
  }

  @Benchmark
  public long containsWord() {
    return table.filter(col("comment").contains("special")).count();
  }

  @Benchmark
  public long likeShipModes() {
    return table.filter(col("mode").like("%AIR%").or(col("comment").like("furiously%"))).count();
  }

  @Benchmark
  public List<Row> upperAndLength() {
    return table.groupBy(upper(col("mode"))).agg(sum(length(col("comment")))).collectAsList();
  }

  /** One exchange block of 4,096 comments decoded (in {@code ms} per block). */
  @Benchmark
  public Batch decodeCommentBlock() {
    return BatchDecoder.decode(encodedComments, 0, encodedLength);
  }
}
