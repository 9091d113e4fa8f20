package dev.ember.sql.integration;

import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.countDistinct;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRowsInOrder;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.StorageLevel;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DECIMAL columns through every operator (filter, project, aggregate, join key, sort, shuffle,
 * cache on disk) with nulls, duplicates and skew, against BigDecimal in plain Java; one slot and
 * several, one shuffle partition and many. Money is DECIMAL(15,2) (the compact, long form); wide
 * is DECIMAL(38,10) (the BigDecimal form).
 */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class DecimalIntegrationTest {
  private static final String CONFIGURATIONS = "dev.ember.sql.integration.IntegrationSupport#configurations";
  static final StructType LEDGER = StructType.fromDDL("id INT NOT NULL, k INT, money DECIMAL(15,2), wide DECIMAL(38,10)");

  /** Random rows: k skewed with nulls; money from a small domain (duplicates) with nulls; wide up to 26 integral digits. */
  static List<Row> ledger(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      Integer k = random.nextInt(10) == 0 ? null : random.nextBoolean() ? 0 : random.nextInt(12);
      BigDecimal money = random.nextInt(8) == 0 ? null
          : random.nextInt(3) == 0 ? BigDecimal.valueOf(random.nextInt(40) - 20, 1).setScale(2)
          : BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_00L, 2);
      BigDecimal wide = random.nextInt(7) == 0 ? null
          : new BigDecimal(new BigInteger(120, random).mod(BigInteger.TEN.pow(36)).subtract(BigInteger.TEN.pow(35).multiply(BigInteger.valueOf(5))), 10);
      rows.add(RowFactory.create(id, k, money, wide));
    }
    return rows;
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void filterAndProjectMatchBigDecimal(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = ledger(2000, 1);
      BigDecimal threshold = new BigDecimal("-5.50");
      DataFrame result = session.createDataFrame(input, LEDGER)
          .filter(col("money").gt(lit(threshold)).or(col("k").equalTo(3)))
          .select(col("id"), col("money").multiply(lit(1).minus(col("money"))).as("product"),
              col("money").plus(col("k")).as("plus_int"), col("money").divide(lit(new BigDecimal("3"))).as("third"),
              col("wide").minus(col("money")).as("difference"), col("money").cast("double").as("as_double"));
      assertThat(result.schema().apply("product").dataType()).isEqualTo(DataTypes.createDecimalType(32, 4));
      assertThat(result.schema().apply("plus_int").dataType()).isEqualTo(DataTypes.createDecimalType(16, 2));
      assertThat(result.schema().apply("third").dataType()).isEqualTo(DataTypes.createDecimalType(19, 6));
      // (38,10) - (15,2) needs 39 digits: Spark keeps the 29 integral digits and drops one of scale.
      assertThat(result.schema().apply("difference").dataType()).isEqualTo(DataTypes.createDecimalType(38, 9));
      List<Row> expected = new ArrayList<>();
      for (Row row : input) {
        BigDecimal money = (BigDecimal) row.get(2);
        Integer k = (Integer) row.get(1);
        Boolean left = money == null ? null : money.compareTo(threshold) > 0;
        Boolean right = k == null ? null : k == 3;
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
          BigDecimal wide = (BigDecimal) row.get(3);
          expected.add(row(row.get(0),
              money == null ? null : money.multiply(BigDecimal.ONE.subtract(money)),
              money == null || k == null ? null : money.add(BigDecimal.valueOf(k)),
              money == null ? null : money.divide(new BigDecimal("3"), 6, RoundingMode.HALF_UP),
              money == null || wide == null ? null : wide.subtract(money).setScale(9, RoundingMode.HALF_UP),
              money == null ? null : money.doubleValue()));
        }
      }
      assertSameRows(result.collectAsList(), expected);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void aggregatesGroupByDecimalKeysAndSumExactly(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = ledger(3000, 2);
      DataFrame result = session.createDataFrame(input, LEDGER)
          .groupBy(col("money"))
          .agg(count(col("id")).as("rows"), sum(col("wide")).as("total"), avg(col("money")).as("average"),
              min(col("wide")).as("smallest"), max(col("wide")).as("largest"), countDistinct(col("k")).as("keys"));
      assertThat(result.schema().apply("total").dataType()).isEqualTo(DataTypes.createDecimalType(38, 10));
      assertThat(result.schema().apply("average").dataType()).isEqualTo(DataTypes.createDecimalType(19, 6));
      Map<BigDecimal, List<Row>> groups = new HashMap<>();
      for (Row row : input) {
        groups.computeIfAbsent((BigDecimal) row.get(2), key -> new ArrayList<>()).add(row);
      }
      List<Row> expected = new ArrayList<>();
      for (Map.Entry<BigDecimal, List<Row>> group : groups.entrySet()) {
        BigDecimal total = null;
        BigDecimal smallest = null;
        BigDecimal largest = null;
        Set<Integer> keys = new HashSet<>();
        for (Row row : group.getValue()) {
          BigDecimal wide = (BigDecimal) row.get(3);
          if (wide != null) {
            total = total == null ? wide : total.add(wide);
            smallest = smallest == null || wide.compareTo(smallest) < 0 ? wide : smallest;
            largest = largest == null || wide.compareTo(largest) > 0 ? wide : largest;
          }
          if (row.get(1) != null) {
            keys.add((Integer) row.get(1));
          }
        }
        BigDecimal key = group.getKey();
        // avg = sum / count at Spark's DECIMAL(38,15) division type, then HALF_UP to DECIMAL(19,6).
        BigDecimal average = key == null ? null : key.multiply(BigDecimal.valueOf(group.getValue().size()))
            .divide(BigDecimal.valueOf(group.getValue().size()), 15, RoundingMode.HALF_UP).setScale(6, RoundingMode.HALF_UP);
        boolean overflow = total != null && total.precision() - total.scale() > 28;
        expected.add(row(key, (long) group.getValue().size(), overflow ? null : total, average, smallest, largest, (long) keys.size()));
      }
      assertSameRows(result.collectAsList(), expected);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void joinsOnCompactAndWideDecimalKeysAndIntegersMeetDecimals(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> left = ledger(1500, 3);
      List<Row> right = ledger(700, 4);
      DataFrame leftFrame = session.createDataFrame(left, LEDGER);
      DataFrame rightFrame = session.createDataFrame(right, LEDGER)
          .select(col("id").as("rid"), col("money").as("rmoney"), col("k").as("rk"));
      // Forced shuffle join on the compact key; the int key meets a DECIMAL(15,2) as DECIMAL(15,2).
      DataFrame joined = leftFrame.join(rightFrame, col("money").equalTo(col("rmoney"))).select(col("id"), col("rid"));
      DataFrame mixed = leftFrame.join(rightFrame, col("money").equalTo(col("rk"))).select(col("id"), col("rid"));
      List<Row> expected = new ArrayList<>();
      List<Row> expectedMixed = new ArrayList<>();
      for (Row l : left) {
        for (Row r : right) {
          BigDecimal money = (BigDecimal) l.get(2);
          if (money != null && r.get(2) != null && money.compareTo((BigDecimal) r.get(2)) == 0) {
            expected.add(row(l.get(0), r.get(0)));
          }
          if (money != null && r.get(1) != null && money.compareTo(BigDecimal.valueOf((Integer) r.get(1))) == 0) {
            expectedMixed.add(row(l.get(0), r.get(0)));
          }
        }
      }
      assertThat(expected).isNotEmpty();
      assertThat(expectedMixed).isNotEmpty();
      assertSameRows(joined.collectAsList(), expected);
      assertSameRows(mixed.collectAsList(), expectedMixed);
      DataFrame self = leftFrame.alias("a").join(leftFrame.alias("b"), col("a.wide").equalTo(col("b.wide")))
          .select(col("a.id"), col("b.id"));
      List<Row> expectedSelf = new ArrayList<>();
      for (Row row : left) {
        if (row.get(3) != null) {
          expectedSelf.add(row(row.get(0), row.get(0)));
        }
      }
      assertSameRows(self.collectAsList(), expectedSelf);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void sortsPutNullsWhereAskedAndCacheOnDiskRoundTrips(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = ledger(2500, 5);
      DataFrame cached = session.createDataFrame(input, LEDGER).persist(StorageLevel.DISK_ONLY);
      DataFrame sorted = cached.orderBy(col("wide").desc(), col("id").asc()).select(col("wide"), col("id"));
      DataFrame byMoney = cached.orderBy(col("money").asc(), col("id").asc()).select(col("money"), col("id"));
      List<Row> expected = new ArrayList<>();
      List<Row> expectedByMoney = new ArrayList<>();
      for (Row row : input) {
        expected.add(row(row.get(3), row.get(0)));
        expectedByMoney.add(row(row.get(2), row.get(0)));
      }
      Comparator<BigDecimal> nullsLastDescending = Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder());
      expected.sort(Comparator.comparing((Row row) -> (BigDecimal) row.get(0), nullsLastDescending)
          .thenComparing(row -> (Integer) row.get(1)));
      expectedByMoney.sort(Comparator.comparing((Row row) -> (BigDecimal) row.get(0), Comparator.nullsFirst(Comparator.<BigDecimal>naturalOrder()))
          .thenComparing(row -> (Integer) row.get(1)));
      for (int run = 0; run < 2; run++) {
        assertSameRowsInOrder(sorted.collectAsList(), expected);
        assertSameRowsInOrder(byMoney.collectAsList(), expectedByMoney);
      }
      assertThat(cached.collectAsList()).hasSize(input.size());
      cached.unpersist();
    }
  }

  @Test
  void sqlLiteralsRowsShowAndRound() {
    try (EmberSession session = session("local[2]", 3)) {
      DataFrame literals = session.sql("SELECT 1.5 AS a, 1.5BD + 1 AS b, 1E3 AS c, 0.1 * 3 AS d, 10.00 / 3 AS e,"
          + " CAST('12.345' AS DECIMAL(5,2)) AS f, CAST(0 AS DECIMAL(38,10)) AS g, 2.5 > 2 AS h, -1.25BD AS i");
      assertThat(literals.schema().simpleString()).isEqualTo(
          "struct<a:decimal(2,1),b:decimal(3,1),c:double,d:decimal(3,1),e:decimal(8,6),f:decimal(5,2),"
              + "g:decimal(38,10),h:boolean,i:decimal(3,2)>");
      Row row = literals.first();
      assertThat(row.getDecimal(0)).isEqualTo(new BigDecimal("1.5"));
      assertThat(row.get(1)).isEqualTo(new BigDecimal("2.5"));
      assertThat(row.getDouble(2)).isEqualTo(1000.0);
      assertThat(row.getDecimal(3)).isEqualTo(new BigDecimal("0.3"));
      assertThat(row.getDecimal(4)).isEqualTo(new BigDecimal("3.333333"));
      assertThat(row.getDecimal(5)).isEqualTo(new BigDecimal("12.35"));
      assertThat(row.getBoolean(7)).isTrue();
      assertThat(row.getDecimal(8)).isEqualTo(new BigDecimal("-1.25"));
      assertThat(literals.showString(1, 20, false)).contains("|0.0000000000|").contains("|12.35|");

      List<Row> input = ledger(300, 6);
      DataFrame rounded = session.createDataFrame(input, LEDGER).select(round(col("money"), 1).as("r"), round(col("money"), -2).as("h"));
      assertThat(rounded.schema().simpleString()).isEqualTo("struct<r:decimal(15,1),h:decimal(14,0)>");
      List<Row> expected = new ArrayList<>();
      for (Row in : input) {
        BigDecimal money = (BigDecimal) in.get(2);
        expected.add(row(money == null ? null : money.setScale(1, RoundingMode.HALF_UP),
            money == null ? null : money.setScale(-2, RoundingMode.HALF_UP).setScale(0)));
      }
      assertSameRowsInOrder(rounded.collectAsList(), expected);
    }
  }

  @Test
  void sumOverflowIsNullAndAverageRoundsLikeSpark() {
    try (EmberSession session = session("local[2]", 2)) {
      StructType schema = StructType.fromDDL("k INT, v DECIMAL(38,0)");
      BigDecimal nines = new BigDecimal("9".repeat(38));
      List<Row> rows = List.of(RowFactory.create(1, nines), RowFactory.create(1, BigDecimal.ONE),
          RowFactory.create(2, nines), RowFactory.create(2, nines.negate()), RowFactory.create(3, null));
      DataFrame sums = session.createDataFrame(rows, schema).repartition(2)
          .groupBy(col("k")).agg(sum(col("v")).as("s"), avg(col("v")).as("a"), count(col("v")).as("n"));
      assertThat(sums.schema().simpleString()).isEqualTo("struct<k:int,s:decimal(38,0),a:decimal(38,4),n:bigint>");
      assertSameRows(sums.collectAsList(), List.of(
          row(1, null, null, 2L),
          row(2, BigDecimal.ZERO, BigDecimal.ZERO.setScale(4), 2L),
          row(3, null, null, 0L)));

      StructType money = StructType.fromDDL("v DECIMAL(10,2)");
      DataFrame thirds = session.createDataFrame(List.of(RowFactory.create(new BigDecimal("1.00")),
          RowFactory.create(new BigDecimal("1.00")), RowFactory.create(new BigDecimal("0.00"))), money).agg(avg(col("v")));
      assertThat(thirds.schema().simpleString()).isEqualTo("struct<avg(v):decimal(14,6)>");
      assertThat(thirds.first().getDecimal(0)).isEqualTo(
          new BigDecimal("2.00").divide(new BigDecimal(3), new MathContext(38)).setScale(6, RoundingMode.HALF_UP));
    }
  }

  @Test
  void csvReadsDeclaredDecimalsAndWritesThemBack(@TempDir Path directory) throws Exception {
    Path file = directory.resolve("prices.csv");
    Files.writeString(file, "id,price,wide\n1,12.345,1.5\n2,-0.004,\n3,abc,2E+3\n4,99999999999999.99,123456789012345678901234567.0123456789\n"
        + "5,\"1,234.5\",-0.00000000005\n6,100000000000000,7\n");
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame prices = session.read().option("header", "true").schema("id INT, price DECIMAL(16,2), wide DECIMAL(38,10)")
          .csv(file.toString());
      List<Row> rows = prices.orderBy(col("id")).collectAsList();
      assertSameRowsInOrder(rows, List.of(
          row(1, new BigDecimal("12.35"), new BigDecimal("1.5000000000")),
          row(2, new BigDecimal("0.00"), null),
          row(3, null, new BigDecimal("2000.0000000000")),
          row(4, new BigDecimal("99999999999999.99"), new BigDecimal("123456789012345678901234567.0123456789")),
          row(5, new BigDecimal("1234.50"), new BigDecimal("-0.0000000001")),
          row(6, null, new BigDecimal("7.0000000000"))));
      Path out = directory.resolve("out");
      prices.write().option("header", "true").csv(out.toString());
      DataFrame back = session.read().option("header", "true").schema("id INT, price DECIMAL(16,2), wide DECIMAL(38,10)")
          .csv(out.toString());
      assertSameRows(back.collectAsList(), rows);
      assertThat(Objects.requireNonNull(rows.get(0).getDecimal(1)).scale()).isEqualTo(2);
    }
  }
}
