package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.length;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.lower;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.substring;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.upper;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRowsInOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.core.testing.TestSeeds;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strings end to end, against plain Java strings: one table read from CSV (few distinct values, so
 * its batches are dictionary-encoded, each batch its own dictionary) and one built from rows (plain
 * UTF-8), with 1- to 4-byte characters, empty strings and nulls, mixed in one union, shuffle,
 * group, join, sort and cache, in one slot and in four with four and seven shuffle partitions.
 */
@ExtendWith(EngineHygiene.class)
class StringLayoutIntegrationTest {
  private static final StructType SCHEMA = StructType.fromDDL("k STRING, v INT");
  /** No delimiter or quote: the CSV side writes them bare. U+FF21 and U+E000 sort below an emoji in Spark's byte order. */
  private static final String[] KEYS = {"AIR", "MAIL", "é", "ß", "日本", "😀", "a😀b", "\uFF21", "\uE000", "Zz", "air"};

  @TempDir Path directory;
  private EmberSession session;

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  private static List<Row> randomRows(Random random, int count, boolean withEmpty) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int pick = random.nextInt(KEYS.length + 2);
      String key = pick < KEYS.length ? KEYS[pick] : pick == KEYS.length && withEmpty ? "" : null;
      rows.add(RowFactory.create(key, random.nextInt(100)));
    }
    return rows;
  }

  private DataFrame csvFrame(List<Row> rows) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Row row : rows) {
      text.append(row.isNullAt(0) ? "" : row.getString(0)).append(',').append(row.getInt(1)).append('\n');
    }
    Path file = directory.resolve("keys.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return session.read().schema(SCHEMA).csv(file.toString());
  }

  private static int sparkOrder(String left, String right) {
    return dev.ember.core.vector.StringLayouts.compareCodePoints(left, right);
  }

  @ParameterizedTest(name = "{0} with {1} shuffle partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void dictionaryAndPlainStringsMixInUnionGroupJoinSortAndCache(String master, int partitions) throws IOException {
    long seed = TestSeeds.seed(808);
    Random random = new Random(seed);
    session = IntegrationSupport.session(master, partitions);
    // The CSV side has no empty strings: CSV reads an empty field as null.
    List<Row> csvRows = randomRows(random, 9000, false);
    List<Row> plainRows = randomRows(random, 700, true);
    DataFrame fromCsv = csvFrame(csvRows);
    DataFrame plain = session.createDataFrame(plainRows, SCHEMA);
    List<Row> all = new ArrayList<>(csvRows);
    all.addAll(plainRows);
    String where = TestSeeds.describe(seed);

    DataFrame union = fromCsv.union(plain);
    Map<String, long[]> groups = new HashMap<>();
    for (Row row : all) {
      long[] state = groups.computeIfAbsent(row.getString(0), key -> new long[2]);
      state[0]++;
      state[1] += row.getInt(1);
    }
    List<Row> expectedGroups = new ArrayList<>();
    groups.forEach((key, state) -> expectedGroups.add(RowFactory.create(key, state[0], state[1])));
    assertSameRows(union.groupBy(col("k")).agg(count(col("v")), sum(col("v"))).collectAsList(), expectedGroups);

    List<Row> expectedJoin = new ArrayList<>();
    for (Row left : plainRows) {
      for (Row right : csvRows) {
        if (left.get(0) != null && left.get(0).equals(right.get(0))) {
          expectedJoin.add(RowFactory.create(left.get(0), left.get(1), right.get(1)));
        }
      }
    }
    DataFrame joined = plain.alias("p").join(fromCsv.alias("c"), col("p.k").equalTo(col("c.k")))
        .select(col("p.k"), col("p.v"), col("c.v"));
    assertSameRows(joined.collectAsList(), expectedJoin);

    List<Row> expectedSorted = new ArrayList<>(all);
    Comparator<Row> byKey = (a, b) -> a.isNullAt(0) || b.isNullAt(0)
        ? Boolean.compare(!a.isNullAt(0), !b.isNullAt(0))
        : sparkOrder(a.getString(0), b.getString(0));
    expectedSorted.sort(byKey.thenComparing(row -> row.getInt(1)));
    assertSameRowsInOrder(union.orderBy(col("k"), col("v")).collectAsList(), expectedSorted);

    List<Row> expectedMinMax = List.of(RowFactory.create(
        all.stream().map(row -> row.getString(0)).filter(Objects::nonNull).min(StringLayoutIntegrationTest::sparkOrder).orElseThrow(),
        all.stream().map(row -> row.getString(0)).filter(Objects::nonNull).max(StringLayoutIntegrationTest::sparkOrder).orElseThrow()));
    assertSameRows(union.agg(min(col("k")), max(col("k"))).collectAsList(), expectedMinMax);

    DataFrame cached = union.cache();
    assertThat(cached.count()).as(where).isEqualTo(all.size());
    assertSameRows(cached.groupBy(col("k")).agg(count(col("v")), sum(col("v"))).collectAsList(), expectedGroups);
    assertSameRows(cached.distinct().collectAsList(), all.stream().distinct().toList());
  }

  @ParameterizedTest(name = "{0} with {1} shuffle partitions")
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void everyStringFunctionOnBothLayoutsMatchesJava(String master, int partitions) throws IOException {
    long seed = TestSeeds.seed(809);
    Random random = new Random(seed);
    session = IntegrationSupport.session(master, partitions);
    List<Row> csvRows = randomRows(random, 5000, false);
    List<Row> plainRows = randomRows(random, 500, true);
    DataFrame union = csvFrame(csvRows).union(session.createDataFrame(plainRows, SCHEMA));
    List<Row> all = new ArrayList<>(csvRows);
    all.addAll(plainRows);

    List<Row> actual = union.select(col("k"), upper(col("k")), lower(col("k")), length(col("k")),
        substring(col("k"), 2, 2), substring(col("k"), -2, 5), concat(col("k"), lit("|"), col("k")),
        col("k").startsWith("a"), col("k").endsWith("b"), col("k").contains("😀"), col("k").like("%😀%"),
        col("k").like("_"), col("k").equalTo("é"), col("k").gt("\uE000"), col("k").isin("AIR", "日本", "")).collectAsList();
    List<Row> expected = new ArrayList<>();
    for (Row row : all) {
      String k = row.getString(0);
      if (k == null) {
        expected.add(RowFactory.create(null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null));
        continue;
      }
      int characters = k.codePointCount(0, k.length());
      expected.add(RowFactory.create(k, k.toUpperCase(Locale.ROOT), k.toLowerCase(Locale.ROOT), characters,
          codePoints(k, 1, 2), codePoints(k, Math.max(0, characters - 2), 5), k + "|" + k,
          k.startsWith("a"), k.endsWith("b"), k.contains("😀"), k.contains("😀"), characters == 1, k.equals("é"),
          sparkOrder(k, "\uE000") > 0, k.equals("AIR") || k.equals("日本") || k.isEmpty()));
    }
    assertSameRows(actual, expected);
  }

  /** {@code count} code points of {@code text} from code point {@code start}, clamped. */
  private static String codePoints(String text, int start, int count) {
    int[] points = text.codePoints().toArray();
    int from = Math.min(start, points.length);
    int to = Math.min(points.length, from + count);
    return new String(points, from, to - from);
  }
}
