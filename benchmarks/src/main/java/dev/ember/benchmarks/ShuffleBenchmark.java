package dev.ember.benchmarks;

import dev.ember.core.codec.Lz4;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Issue 4: disk shuffle write and read throughput on TPC-H lineitem-like batches, one thread (so
 * the {@code megabytes} counter is MB/s per core; MB are the batches' in-memory value bytes, see
 * {@link BatchSizes}), with LZ4 on and off, through the bypass path (16 reducers) and the sort
 * path (200 reducers). The setup prints the LZ4 compression ratio of the data files.
 *
 * <p>Issue 8: {@code store=inProcess} is local mode's exchange (the output held as compacted batches
 * and read by reference, {@link DiskShuffleManager#inProcess}); {@code store=files} is what
 * executors of other processes do (encode, LZ4 when {@code compress}, files, decode). For
 * in-process, {@code compress} changes nothing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class ShuffleBenchmark {
  static final Schema LINEITEM = Schema.of(
      Field.of("l_orderkey", ColumnType.LONG), Field.of("l_partkey", ColumnType.LONG),
      Field.of("l_suppkey", ColumnType.LONG), Field.of("l_linenumber", ColumnType.INT),
      Field.of("l_quantity", ColumnType.DOUBLE), Field.of("l_extendedprice", ColumnType.DOUBLE),
      Field.of("l_discount", ColumnType.DOUBLE), Field.of("l_tax", ColumnType.DOUBLE),
      Field.of("l_returnflag", ColumnType.STRING), Field.of("l_linestatus", ColumnType.STRING),
      Field.of("l_shipdate", ColumnType.DATE), Field.of("l_commitdate", ColumnType.DATE),
      Field.of("l_receiptdate", ColumnType.DATE), Field.of("l_shipinstruct", ColumnType.STRING),
      Field.of("l_shipmode", ColumnType.STRING), Field.of("l_comment", ColumnType.STRING));
  private static final String[] INSTRUCTIONS = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
  private static final String[] MODES = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
  private static final String[] WORDS = {"furiously", "carefully", "quickly", "slyly", "blithely", "ironic",
      "regular", "express", "pending", "final", "deposits", "requests", "accounts", "packages", "theodolites",
      "pinto", "beans", "foxes", "ideas", "among", "above", "the", "sleep", "haggle", "nag", "wake"};
  private static final int BATCH_ROWS = 4096;

  @Param({"true", "false"})
  public boolean compress;

  /** 2: local[2]'s exchange (each piece half a batch, handed over as it is); 16 and 200: a cluster's. */
  @Param({"2", "16", "200"})
  public int reducers;

  @Param({"50"})
  public int batches;

  @Param({"files", "inProcess"})
  public String store;

  private Path directory;
  private DiskShuffleManager manager;
  private List<Batch> input;
  private double inputMegabytes;
  private ShuffleDependency dependency;
  private List<MapStatus> written;

  /** MB of batch values moved per second (JMH divides by the iteration time). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Throughput {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
      megabytes = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    input = lineitem(batches, 42);
    long bytes = 0;
    for (Batch batch : input) {
      bytes += BatchSizes.estimateBytes(batch);
    }
    inputMegabytes = bytes / 1e6;
    directory = Files.createTempDirectory("ember-shuffle-benchmark");
    DiskShuffleSettings settings = DiskShuffleSettings.defaults(directory).withCompress(compress);
    manager = switch (store) {
      case "files" -> new DiskShuffleManager("bench", settings);
      case "inProcess" -> DiskShuffleManager.inProcess("bench", settings,
          root -> UnifiedMemoryManager.forExecution(512L << 20, root.resolve("spill")));
      default -> throw new IllegalArgumentException("store must be files or inProcess, got " + store);
    };
    dependency = new ShuffleDependency(0, 1,
        new Partitioning.Hash(List.of(new BoundReference(0, ColumnType.LONG, false)), reducers), LINEITEM, null);
    written = List.of(write(manager, dependency));
    printRatio();
  }

  /** Writes the same input with and without LZ4 and prints the data files' sizes and their ratio. */
  private void printRatio() throws IOException {
    long[] sizes = new long[2];
    for (int i = 0; i < 2; i++) {
      DiskShuffleManager probe = new DiskShuffleManager("ratio", DiskShuffleSettings.defaults(directory).withCompress(i == 0));
      try {
        write(probe, dependency);
        sizes[i] = Files.size(probe.dataFile(0, 0));
      } finally {
        probe.close();
      }
    }
    System.out.printf("%n[shuffle] %s; input %.1f MB of values, %d rows; data file %.1f MB with LZ4, %.1f MB raw:"
            + " LZ4 ratio %.2f (raw / compressed), %.2f vs in-memory values%n",
        Lz4.describe(), inputMegabytes, (long) batches * BATCH_ROWS, sizes[0] / 1e6, sizes[1] / 1e6,
        (double) sizes[1] / sizes[0], bytesOfInput() / (double) sizes[0]);
  }

  private long bytesOfInput() {
    return Math.round(inputMegabytes * 1e6);
  }

  private MapStatus write(DiskShuffleManager target, ShuffleDependency shuffle) {
    try (ShuffleWriter writer = target.writer(shuffle, 0, 0, new TaskMetrics(), TaskMemory.UNLIMITED)) {
      for (Batch batch : input) {
        writer.write(batch);
      }
      return writer.commit();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    manager.close();
    Files.deleteIfExists(directory);
  }

  /** One map task's output: split, buffer, encode, compress, write the data and index files. */
  @Benchmark
  public MapStatus write(Throughput throughput) {
    MapStatus status = write(manager, dependency);
    throughput.megabytes += inputMegabytes;
    return status;
  }

  /** Every reduce partition of that map output: positioned reads, checksum, decompress, decode. */
  @Benchmark
  public long read(Throughput throughput) {
    long rows = 0;
    for (int reducer = 0; reducer < reducers; reducer++) {
      try (Operator reader = manager.reader(0, reducer, written, new TaskMetrics())) {
        for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
          rows += batch.rowCount();
        }
      }
    }
    throughput.megabytes += inputMegabytes;
    return rows;
  }

  /** {@code count} batches of lineitem-like rows (TPC-H value ranges, comments of about 27 characters). */
  static List<Batch> lineitem(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batch> result = new ArrayList<>(count);
    long order = 1;
    int line = 1;
    for (int b = 0; b < count; b++) {
      int rows = BATCH_ROWS;
      long[] orderKey = new long[rows];
      long[] partKey = new long[rows];
      long[] suppKey = new long[rows];
      int[] lineNumber = new int[rows];
      double[] quantity = new double[rows];
      double[] price = new double[rows];
      double[] discount = new double[rows];
      double[] tax = new double[rows];
      String[] returnFlag = new String[rows];
      String[] lineStatus = new String[rows];
      int[] shipDate = new int[rows];
      int[] commitDate = new int[rows];
      int[] receiptDate = new int[rows];
      String[] instruction = new String[rows];
      String[] mode = new String[rows];
      String[] comment = new String[rows];
      for (int row = 0; row < rows; row++) {
        if (line > 1 + random.nextInt(7)) {
          order += 1 + random.nextInt(4);
          line = 1;
        }
        orderKey[row] = order;
        lineNumber[row] = line++;
        partKey[row] = 1 + random.nextInt(200_000);
        suppKey[row] = 1 + random.nextInt(10_000);
        quantity[row] = 1 + random.nextInt(50);
        price[row] = Math.round(quantity[row] * (900 + random.nextInt(100_000) / 100.0) * 100) / 100.0;
        discount[row] = random.nextInt(11) / 100.0;
        tax[row] = random.nextInt(9) / 100.0;
        shipDate[row] = 8036 + random.nextInt(2526);
        commitDate[row] = shipDate[row] - 30 + random.nextInt(61);
        receiptDate[row] = shipDate[row] + 1 + random.nextInt(30);
        boolean shipped = shipDate[row] < 9298;
        returnFlag[row] = shipped ? (random.nextBoolean() ? "R" : "A") : "N";
        lineStatus[row] = shipped ? "F" : "O";
        instruction[row] = INSTRUCTIONS[random.nextInt(INSTRUCTIONS.length)];
        mode[row] = MODES[random.nextInt(MODES.length)];
        StringBuilder text = new StringBuilder();
        int target = 10 + random.nextInt(34);
        while (text.length() < target) {
          text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        comment[row] = text.substring(0, target);
      }
      result.add(new Batch(new ColumnVector[] {
          new LongVector(ColumnType.LONG, orderKey, null, rows), new LongVector(ColumnType.LONG, partKey, null, rows),
          new LongVector(ColumnType.LONG, suppKey, null, rows), new IntVector(ColumnType.INT, lineNumber, null, rows),
          new DoubleVector(ColumnType.DOUBLE, quantity, null, rows), new DoubleVector(ColumnType.DOUBLE, price, null, rows),
          new DoubleVector(ColumnType.DOUBLE, discount, null, rows), new DoubleVector(ColumnType.DOUBLE, tax, null, rows),
          new StringVector(ColumnType.STRING, returnFlag, null, rows),
          new StringVector(ColumnType.STRING, lineStatus, null, rows),
          new IntVector(ColumnType.DATE, shipDate, null, rows), new IntVector(ColumnType.DATE, commitDate, null, rows),
          new IntVector(ColumnType.DATE, receiptDate, null, rows), new StringVector(ColumnType.STRING, instruction, null, rows),
          new StringVector(ColumnType.STRING, mode, null, rows), new StringVector(ColumnType.STRING, comment, null, rows)},
          rows));
    }
    return result;
  }
}
