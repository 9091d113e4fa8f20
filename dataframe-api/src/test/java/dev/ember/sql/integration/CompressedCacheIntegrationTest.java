package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cached table (its blocks compressed column by column, its scans widening only the columns a
 * query reads) answers every query as the same table uncached: random CSV data of every column type
 * with nulls, values narrowable to 1, 2 or 4 bytes and values that are not (the int boundaries and
 * beyond, full-range longs, decimals past a long), dictionary and plain strings; queries reading all
 * columns, a few under a filter, one, and groups; in one slot and in four, with 1, 4 and 7 shuffle
 * partitions. Counts and sums are also checked against plain Java.
 */
@ExtendWith(EngineHygiene.class)
class CompressedCacheIntegrationTest {
  private static final StructType SCHEMA = StructType.fromDDL("id BIGINT, spread BIGINT, qty DECIMAL(15,2), "
      + "wide DECIMAL(30,2), day DATE, ts TIMESTAMP, flag STRING, comment STRING, ok BOOLEAN, score DOUBLE, n INT");
  private static final String[] FLAGS = {"A", "N", "R", "é"};
  private static final long[] EDGES = {Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE - 1L, Integer.MAX_VALUE + 1L,
      Long.MIN_VALUE, Long.MAX_VALUE, 0, -1};
  private static final int ROWS = 30_000;

  @TempDir Path directory;
  private EmberSession session;

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  /** A field, or an empty one (null) one time in {@code oneIn}. */
  private static String field(Random random, int oneIn, String value) {
    return random.nextInt(oneIn) == 0 ? "" : value;
  }

  @ParameterizedTest(name = "{0} with {1} shuffle partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void aCachedTableAnswersAsTheUncachedOneForEveryColumnType(String master, int partitions) throws IOException {
    long seed = TestSeeds.seed(2026);
    Random random = new Random(seed);
    Path file = directory.resolve("table.csv");
    long idSum = 0;
    long nonNullIds = 0;
    Map<String, Long> flagCounts = new HashMap<>();
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int row = 0; row < ROWS; row++) {
        // Segments of the file differ in spread, so some batches narrow a column and others do not.
        boolean spreadOut = (row / 5000) % 2 == 1;
        String id = field(random, 10, Long.toString(row * (spreadOut ? 1_000_003L : 1L)));
        if (!id.isEmpty()) {
          idSum += Long.parseLong(id);
          nonNullIds++;
        }
        long spread = random.nextInt(20) == 0 ? EDGES[random.nextInt(EDGES.length)]
            : spreadOut ? random.nextLong() : random.nextInt(1000);
        BigInteger wideUnscaled = spreadOut && random.nextInt(50) == 0
            ? BigInteger.TEN.pow(25).add(BigInteger.valueOf(random.nextInt(1000)))
            : BigInteger.valueOf(random.nextInt(2_000_000) - 1_000_000);
        String flag = field(random, 8, FLAGS[random.nextInt(FLAGS.length)]);
        flagCounts.merge(flag.isEmpty() ? "<null>" : flag, 1L, Long::sum);
        int n = random.nextInt(30) == 0 ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : random.nextInt(300);
        String[] fields = {
            id,
            field(random, 10, Long.toString(spread)),
            field(random, 10, BigDecimal.valueOf(100 + random.nextInt(4901), 2).toPlainString()),
            field(random, 10, new BigDecimal(wideUnscaled, 2).toPlainString()),
            field(random, 10, LocalDate.ofEpochDay(8036 + random.nextInt(2526)).toString()),
            field(random, 10, LocalDate.ofEpochDay(19000 + random.nextInt(400)) + " "
                + String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60))),
            flag,
            field(random, 10, "comment " + random.nextInt(1_000_000)),
            field(random, 10, Boolean.toString(random.nextBoolean())),
            field(random, 10, Double.toString(random.nextGaussian() * 1e6)),
            field(random, 10, Integer.toString(n)),
        };
        writer.write(String.join("|", fields));
        writer.write('\n');
      }
    }
    session = IntegrationSupport.session(master, partitions);
    DataFrame uncached = session.read().option("sep", "|").schema(SCHEMA).csv(file.toString());
    DataFrame cached = session.read().option("sep", "|").schema(SCHEMA).csv(file.toString()).cache();
    assertThat(cached.count()).isEqualTo(ROWS);
    String where = TestSeeds.describe(seed);

    List<Function<DataFrame, DataFrame>> queries = List.of(
        table -> table,
        table -> table.filter(col("day").geq(lit(LocalDate.ofEpochDay(9000))).and(col("qty").lt(25)))
            .select(col("wide"), col("id"), col("flag")),
        table -> table.select(col("spread")),
        // Ranges the cached scan checks on stored offsets before widening (then the filter runs again):
        // a narrow one, one at the type's ends, an equality, one that keeps nothing, and a NOT EQUAL it leaves to the filter.
        table -> table.filter(col("n").geq(lit(10)).and(col("n").lt(lit(5000))).and(col("id").gt(lit(-1L))))
            .select(col("n"), col("id"), col("qty")),
        table -> table.filter(col("spread").leq(lit(Long.MAX_VALUE)).and(col("spread").gt(lit(Long.MIN_VALUE))))
            .select(col("spread"), col("flag")),
        table -> table.filter(col("n").equalTo(lit(7)).or(col("n").isNull())).select(col("n"), col("comment")),
        table -> table.filter(col("day").lt(lit(LocalDate.ofEpochDay(0)))).select(col("day")),
        table -> table.filter(col("n").notEqual(lit(3)).and(col("qty").leq(lit(new java.math.BigDecimal("10.00")))))
            .select(col("n"), col("qty"), col("wide")),
        table -> table.filter(col("ok").equalTo(lit(true))).select(col("comment"), col("score"), col("ts")),
        // Conditions on the dictionary string column the scan decides per entry on the stored ids: an
        // equality, a set, a negation (drops nulls), one that keeps nulls (left to the filter), after a range.
        table -> table.filter(col("flag").equalTo(lit("R"))).select(col("id"), col("flag"), col("qty")),
        table -> table.filter(col("flag").isin("A", "é").and(col("n").lt(lit(100)))).select(col("n"), col("flag")),
        table -> table.filter(col("flag").notEqual(lit("N"))).select(col("flag"), col("day")),
        table -> table.filter(col("flag").isNull().or(col("flag").equalTo(lit("A")))).select(col("flag"), col("id")),
        table -> table.filter(col("day").geq(lit(LocalDate.ofEpochDay(9000))).and(col("flag").startsWith("é")))
            .select(col("flag"), col("day"), col("spread")),
        table -> table.groupBy(col("flag")).agg(count(col("id")), sum(col("qty")), sum(col("wide")), min(col("day")),
            max(col("n")), min(col("spread"))));
    // Joins whose probe side is the cached table: the scan first drops rows whose key the broadcast
    // side lacks (inner and semi joins; not outer ones), on 8-byte ids (narrow and spread-out segments)
    // and 4-byte ints with extremes; and a self-join, where the same cached scan is read whole on one side.
    List<Row> dimensionRows = new ArrayList<>();
    for (int row = 0; row < ROWS; row += 7) {
      dimensionRows.add(RowFactory.create((long) row, row % 300, "d" + row));
    }
    dimensionRows.add(RowFactory.create(null, null, "null keys"));
    DataFrame dimension = session.createDataFrame(dimensionRows,
        StructType.fromDDL("key BIGINT, small INT, label STRING"));
    queries = new ArrayList<>(queries);
    queries.add(table -> table.join(dimension, col("id").equalTo(col("key"))).select(col("id"), col("qty"), col("label")));
    queries.add(table -> table.filter(col("n").lt(lit(150)))
        .join(dimension, col("n").equalTo(col("small")), "left_semi").select(col("n"), col("flag")));
    queries.add(table -> table.join(dimension, col("id").equalTo(col("key")), "left_outer").select(col("id"), col("label")));
    queries.add(table -> table.filter(col("n").lt(lit(20))).select(col("n").as("m"), col("id").as("other"))
        .join(table, col("m").equalTo(col("n"))).select(col("m"), col("other"), col("id")));
    // Aggregates straight over the cached scan (through filters, projections and a join's probe
    // side): the scan widens every batch into the same arrays; the answers must not change.
    queries.add(table -> table.filter(col("n").lt(lit(200))).select(col("flag"), col("qty").multiply(lit(3)).as("q"),
        col("n")).groupBy(col("flag")).agg(sum(col("q")), count(col("n")), max(col("n"))));
    queries.add(table -> table.join(dimension, col("id").equalTo(col("key"))).groupBy(col("label"))
        .agg(sum(col("qty")), count(col("id"))));
    queries.add(table -> table.filter(col("n").lt(lit(20))).select(col("n").as("m"), col("id").as("other"))
        .join(table, col("m").equalTo(col("n"))).groupBy(col("m")).agg(count(col("other")), sum(col("id"))));
    queries.add(table -> table.groupBy(col("id")).agg(sum(col("qty")), min(col("day"))));
    for (int i = 0; i < queries.size(); i++) {
      List<Row> expected = queries.get(i).apply(uncached).collectAsList();
      List<Row> actual = queries.get(i).apply(cached).collectAsList();
      assertThat(actual).as("query %d, %s", i, where).hasSameSizeAs(expected);
      assertSameRows(actual, expected);
    }
    // Against plain Java, read from the cache.
    Row totals = cached.agg(sum(col("id")), count(col("id"))).collectAsList().get(0);
    assertThat(totals.getLong(0)).as(where).isEqualTo(idSum);
    assertThat(totals.getLong(1)).as(where).isEqualTo(nonNullIds);
    Map<String, Long> cachedFlags = new HashMap<>();
    for (Row row : cached.groupBy(col("flag")).agg(count(lit(1))).collectAsList()) {
      cachedFlags.put(row.isNullAt(0) ? "<null>" : row.getString(0), row.getLong(1));
    }
    assertThat(cachedFlags).as(where).isEqualTo(flagCounts);
  }
}
