package dev.ember.sql.integration;

import static dev.ember.sql.functions.call_udf;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.UserDefinedFunction;
import dev.ember.sql.api.java.UDF1;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Java UDFs on {@code local[2]} against the same lambdas applied in plain Java to the same rows:
 * every argument type (with nulls, which Java UDFs receive), UDF0 to UDF3, SQL by registered name,
 * a UDF in a filter, a grouping key and an aggregate's argument; a throwing UDF and a wrong result
 * type fail the job with errors that name the UDF and the row; a lambda that captured something
 * not serializable fails where the UDF is defined; the optimizer neither folds a UDF nor drops it.
 */
@ExtendWith(EngineHygiene.class)
class UserDefinedFunctionIntegrationTest {
  private static final StructType SCHEMA = StructType.fromDDL(
      "b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP, dec DECIMAL(10,2)");
  private static final int ROWS = 3_000;
  private static EmberSession session;
  private static List<Row> rows;
  private static DataFrame frame;

  @BeforeAll
  static void start() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder().master("local[2]").config("ember.sql.shuffle.partitions", "3").getOrCreate();
    rows = randomRows(ROWS, 42);
    // Several partitions, so UDFs run on both executor threads and in several tasks.
    frame = session.createDataFrame(rows, SCHEMA).repartition(4);
    frame.createOrReplaceTempView("t");
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  private static List<Row> randomRows(int count, long seed) {
    Random random = new Random(seed);
    List<Row> result = new ArrayList<>(count);
    for (int row = 0; row < count; row++) {
      boolean edge = row < 8;
      result.add(RowFactory.create(
          random.nextInt(6) == 0 ? null : random.nextBoolean(),
          random.nextInt(7) == 0 ? null : edge ? (row % 2 == 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE)
              : random.nextInt(200) - 100,
          random.nextInt(7) == 0 ? null : edge ? Long.MIN_VALUE + row : random.nextLong() % 1_000_000L,
          random.nextInt(8) == 0 ? null : edge ? -0.0 : random.nextDouble() * 100 - 50,
          random.nextInt(9) == 0 ? null : edge ? "" : "s" + random.nextInt(40) + (random.nextBoolean() ? "é" : ""),
          random.nextInt(6) == 0 ? null : LocalDate.of(1960, 1, 1).plusDays(random.nextInt(40_000)),
          random.nextInt(6) == 0 ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000) - 500_000_000L, 1_000L
              * random.nextInt(1_000_000)),
          random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2)));
    }
    return result;
  }

  /** What a Java UDF receives for a Row value (Spark's external types: java.sql.Date and Timestamp). */
  private static Object javaArgument(Object value) {
    if (value instanceof LocalDate date) {
      return java.sql.Date.valueOf(date);
    }
    if (value instanceof Instant instant) {
      return java.sql.Timestamp.from(instant);
    }
    return value;
  }

  private static final UDF1<Object, String> DESCRIBE =
      value -> value == null ? "null" : value.getClass().getName() + ":" + value;

  @Test
  void everyArgumentTypeArrivesAsSparksJavaTypeWithNullsPassedToTheFunction() throws Exception {
    UserDefinedFunction describe = udf(DESCRIBE, DataTypes.StringType);
    String[] names = SCHEMA.fieldNames();
    List<dev.ember.sql.Column> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(describe.apply(col(name)));
    }
    List<Row> actual = frame.select(columns.toArray(new dev.ember.sql.Column[0])).collectAsList();
    List<Row> expected = new ArrayList<>();
    for (Row row : rows) {
      Object[] values = new Object[names.length];
      for (int i = 0; i < names.length; i++) {
        values[i] = DESCRIBE.call(javaArgument(row.get(i)));
      }
      expected.add(RowFactory.create(values));
    }
    IntegrationSupport.assertSameRows(actual, expected);
    assertThat(actual.toString()).contains("java.sql.Date:", "java.sql.Timestamp:", "java.math.BigDecimal:",
        "java.lang.Boolean:", "java.lang.Integer:", "java.lang.Long:", "java.lang.Double:", "java.lang.String:", "null");
  }

  @Test
  void udf0ToUdf3ReturnTheirDeclaredTypesAndEqualPlainJava() {
    UserDefinedFunction seven = udf(() -> 7, DataTypes.IntegerType);
    UserDefinedFunction nextDay = udf((java.sql.Date date) -> date == null ? null : LocalDate.ofEpochDay(
        date.toLocalDate().toEpochDay() + 1), DataTypes.DateType);
    UserDefinedFunction widen = udf((Integer i, Long l) -> i == null || l == null ? -1L : i + l, DataTypes.LongType);
    UserDefinedFunction join = udf((String s, Integer i, Double d) -> s + "|" + i + "|" + d, DataTypes.StringType);
    UserDefinedFunction scaled = udf((BigDecimal dec) -> dec == null ? null : dec.multiply(BigDecimal.TEN),
        DataTypes.createDecimalType(12, 2));
    UserDefinedFunction later = udf((java.sql.Timestamp ts) -> ts == null ? null
        : java.sql.Timestamp.from(ts.toInstant().plusSeconds(60)), DataTypes.TimestampType);
    UserDefinedFunction negate = udf((Boolean b) -> b == null ? null : !b, DataTypes.BooleanType);

    List<Row> actual = frame.select(seven.apply(), nextDay.apply(col("dt")), widen.apply(col("i"), col("l")),
        join.apply(col("s"), col("i"), col("d")), scaled.apply(col("dec")), later.apply(col("ts")),
        negate.apply(col("b"))).collectAsList();
    List<Row> expected = new ArrayList<>();
    for (Row row : rows) {
      Integer i = (Integer) row.get(1);
      Long l = (Long) row.get(2);
      LocalDate date = (LocalDate) row.get(5);
      Instant ts = (Instant) row.get(6);
      BigDecimal dec = (BigDecimal) row.get(7);
      Boolean b = (Boolean) row.get(0);
      expected.add(RowFactory.create(7, date == null ? null : date.plusDays(1), i == null || l == null ? -1L : i + l,
          row.get(4) + "|" + i + "|" + row.get(3), dec == null ? null : dec.multiply(BigDecimal.TEN),
          ts == null ? null : ts.plusSeconds(60), b == null ? null : !b));
    }
    IntegrationSupport.assertSameRows(actual, expected);
  }

  @Test
  void aRegisteredUdfIsCalledByNameFromSqlAndCallUdf() {
    UserDefinedFunction registered = session.udf().register("Plus_One",
        (Integer i) -> i == null ? null : i + 1, DataTypes.IntegerType);
    assertThat(registered.name()).isEqualTo("Plus_One");
    List<Row> bySql = session.sql("SELECT i, plus_one(i) AS p FROM t WHERE PLUS_ONE(i) > 0").collectAsList();
    List<Row> byDsl = frame.select(col("i"), call_udf("plus_one", col("i")).as("p"))
        .filter(call_udf("plus_one", col("i")).gt(0)).collectAsList();
    List<Row> expected = new ArrayList<>();
    for (Row row : rows) {
      Integer i = (Integer) row.get(1);
      Integer plusOne = i == null ? null : i + 1;
      if (plusOne != null && plusOne > 0) {
        expected.add(RowFactory.create(i, plusOne));
      }
    }
    IntegrationSupport.assertSameRows(bySql, expected);
    IntegrationSupport.assertSameRows(byDsl, expected);
    assertThat(session.sql("SELECT plus_one(i) FROM t").explainString("simple")).contains("Plus_One(i");
    assertThatThrownBy(() -> session.sql("SELECT plus_one(i, l) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("Plus_One").hasMessageContaining("requires 1");
    assertThatThrownBy(() -> session.udf().register("upper", (String s) -> s, DataTypes.StringType))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("built-in");
  }

  @Test
  void udfsInAFilterAGroupingKeyAndAnAggregateArgumentEqualPlainJava() {
    UserDefinedFunction even = udf((Integer i) -> i != null && i % 2 == 0, DataTypes.BooleanType);
    UserDefinedFunction bucket = udf((Integer i) -> i == null ? "none" : i < 0 ? "negative" : "b" + i / 25,
        DataTypes.StringType);
    UserDefinedFunction absolute = udf((Long l) -> l == null ? 0L : Math.abs(l), DataTypes.LongType);
    List<Row> actual = frame.filter(even.apply(col("i")))
        .groupBy(bucket.apply(col("i")).as("bucket"))
        .agg(sum(absolute.apply(col("l"))).as("total"), count(lit(1)).as("n"))
        .collectAsList();
    Map<String, long[]> groups = new HashMap<>();
    for (Row row : rows) {
      Integer i = (Integer) row.get(1);
      if (i == null || i % 2 != 0) {
        continue;
      }
      String key = i < 0 ? "negative" : "b" + i / 25;
      Long l = (Long) row.get(2);
      long[] totals = groups.computeIfAbsent(key, ignored -> new long[2]);
      totals[0] += l == null ? 0L : Math.abs(l);
      totals[1]++;
    }
    List<Row> expected = new ArrayList<>();
    groups.forEach((key, totals) -> expected.add(RowFactory.create(key, totals[0], totals[1])));
    assertThat(expected).hasSizeGreaterThan(3);
    IntegrationSupport.assertSameRows(actual, expected);
  }

  @Test
  void anExceptionInTheUdfFailsTheJobNamingTheUdfAndTheRowWithTheExceptionAsRootCause() {
    UserDefinedFunction fragile = udf((Integer i) -> {
      if (i != null && i == 13) {
        throw new IllegalStateException("thirteen is unlucky");
      }
      return i;
    }, DataTypes.IntegerType).withName("fragile");
    assertThat(rows.stream().anyMatch(row -> Objects.equals(row.get(1), 13))).isTrue();
    assertThatThrownBy(() -> frame.select(fragile.apply(col("i"))).collectAsList())
        .isInstanceOfSatisfying(EmberException.class, failure -> {
          assertThat(failure.rootCauseClassName()).isEqualTo(IllegalStateException.class.getName());
          assertThat(failure.getMessage()).contains("[FAILED_EXECUTE_UDF]", "`fragile`", "at row ", "arguments (13)",
              "thirteen is unlucky");
        });
  }

  @Test
  void aResultOfTheWrongTypeFailsTheJobNamingTheUdfAndTheTypes() {
    UserDefinedFunction wrong = udf((Integer i) -> i == null ? null : (long) i, DataTypes.IntegerType);
    assertThatThrownBy(() -> frame.select(wrong.apply(col("i"))).collectAsList())
        .isInstanceOfSatisfying(EmberException.class, failure -> {
          assertThat(failure.rootCauseClassName()).endsWith("UserFunctionResultException");
          assertThat(failure.getMessage()).contains("`UDF`", "returned a java.lang.Long", "declared return type is int",
              "at row ");
        });
  }

  /** Not serializable: a lambda that captures it cannot be shipped. */
  private static final class Connection {
    int offset() {
      return 1;
    }
  }

  @Test
  void aLambdaCapturingSomethingNotSerializableFailsWhereTheUdfIsDefined() {
    Connection connection = new Connection();
    assertThatThrownBy(() -> udf((Integer i) -> i + connection.offset(), DataTypes.IntegerType))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("not serializable")
        .hasMessageContaining(Connection.class.getName());
  }

  @Test
  void aWrongArgumentCountOrReturnTypeFailsWhenTheDataFrameIsBuilt() {
    UserDefinedFunction two = udf((Integer a, Integer b) -> a, DataTypes.IntegerType);
    assertThatThrownBy(() -> frame.select(two.apply(col("i"))))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("requires 2 parameters");
    assertThatThrownBy(() -> udf((Integer a) -> a, new StructType().add("x", DataTypes.IntegerType)))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("cannot return");
  }

  @Test
  void theOptimizerNeitherFoldsAUdfOfLiteralsNorTurnsItsNullArgumentIntoNull() {
    UserDefinedFunction describe = udf(DESCRIBE, DataTypes.StringType);
    DataFrame query = session.range(0, 3).select(describe.apply(lit(null)).as("n"), describe.apply(lit(5)).as("five"));
    String plan = query.explainString("extended");
    String optimized = plan.substring(plan.indexOf("== Optimized Logical Plan =="));
    assertThat(optimized).contains("UDF(").doesNotContain("java.lang.Integer:5");
    assertThat(query.collectAsList()).hasSize(3).allSatisfy(row -> {
      assertThat(row.get(0)).isEqualTo("null");
      assertThat(row.get(1)).isEqualTo("java.lang.Integer:5");
    });
    assertThat(describe.apply(col("i")).toString()).isEqualTo("UDF(i)");
    UserDefinedFunction random = udf(() -> Math.random(), DataTypes.DoubleType).asNondeterministic();
    assertThat(random.deterministic()).isFalse();
    assertThat(describe.deterministic()).isTrue();
  }
}
