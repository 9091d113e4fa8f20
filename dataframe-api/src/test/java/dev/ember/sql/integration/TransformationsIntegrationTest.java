package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.abs;
import static dev.ember.sql.functions.coalesce;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
import static dev.ember.sql.functions.date_add;
import static dev.ember.sql.functions.dayofmonth;
import static dev.ember.sql.functions.length;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.month;
import static dev.ember.sql.functions.not;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.substring;
import static dev.ember.sql.functions.to_date;
import static dev.ember.sql.functions.upper;
import static dev.ember.sql.functions.when;
import static dev.ember.sql.functions.year;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** select, filter, withColumn and the scalar functions, against plain Java on random rows. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class TransformationsIntegrationTest {
  private static final String CONFIGURATIONS = "dev.ember.sql.integration.IntegrationSupport#configurations";

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void filterAndSelectWithThreeValuedLogic(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(3000, 1);
      DataFrame result = session.createDataFrame(input, IntegrationSupport.FACTS)
          .filter(col("k").gt(2).and(col("g").isNotNull()).or(col("v").lt(-900)))
          .select(col("id"), col("v").plus(1).as("v1"), col("d").multiply(2), col("id").divide(4), col("id").mod(7));

      List<Row> expected = new ArrayList<>();
      for (Row row : input) {
        Integer k = (Integer) row.get(1);
        Long v = (Long) row.get(3);
        // (k > 2) AND (g IS NOT NULL) is null only when k is null and g is not null: never true then
        Boolean left = k == null ? null : (k > 2 && row.get(2) != null);
        Boolean right = v == null ? null : v < -900;
        boolean keep = Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right);
        if (keep) {
          Double d = (Double) row.get(4);
          int id = row.getInt(0);
          expected.add(row(id, v == null ? null : v + 1, d == null ? null : d * 2, id / 4.0, id % 7));
        }
      }
      assertThat(result.columns()).containsExactly("id", "v1", "(d * 2)", "(id / 4)", "(id % 7)");
      assertThat(result.schema().apply("(id / 4)").dataType()).isSameAs(DataTypes.DoubleType);
      assertSameRows(result.collectAsList(), expected);
      assertThat(result.count()).isEqualTo(expected.size());
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void withColumnReplacesInPlaceOrAppends(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(500, 2);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS)
          .withColumn("k", col("k").multiply(10))
          .withColumn("flag", col("v").isNull())
          .withColumnRenamed("g", "group")
          .drop("dt", "nothing");
      assertThat(frame.columns()).containsExactly("id", "k", "group", "v", "d", "flag");
      List<Row> expected = new ArrayList<>();
      for (Row row : input) {
        Integer k = (Integer) row.get(1);
        expected.add(row(row.get(0), k == null ? null : k * 10, row.get(2), row.get(3), row.get(4), row.get(3) == null));
      }
      assertSameRows(frame.collectAsList(), expected);
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void scalarFunctions(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(1500, 3);
      DataFrame result = session.createDataFrame(input, IntegrationSupport.FACTS).select(
          col("id"),
          when(col("k").gt(0), "pos").when(col("k").lt(0), "neg").otherwise("zero-or-null"),
          coalesce(col("k"), lit(-1)),
          upper(col("g")),
          length(col("g")),
          concat(col("g"), lit("-"), col("g")),
          substring(col("g"), 2, 1),
          col("g").like("g1%"),
          not(col("g").startsWith("g2")),
          col("k").isin(1, 2, 3),
          col("k").between(-2, 2),
          abs(col("v")),
          round(col("d"), 1),
          year(col("dt")),
          month(col("dt")),
          dayofmonth(col("dt")),
          date_add(col("dt"), 10));

      List<Row> expected = new ArrayList<>();
      for (Row row : input) {
        Integer k = (Integer) row.get(1);
        String g = (String) row.get(2);
        Long v = (Long) row.get(3);
        Double d = (Double) row.get(4);
        LocalDate dt = (LocalDate) row.get(5);
        expected.add(row(
            row.get(0),
            k != null && k > 0 ? "pos" : k != null && k < 0 ? "neg" : "zero-or-null",
            k == null ? -1 : k,
            g == null ? null : g.toUpperCase(),
            g == null ? null : g.length(),
            g == null ? null : g + "-" + g,
            g == null ? null : g.substring(1, 2),
            g == null ? null : g.startsWith("g1"),
            g == null ? null : !g.startsWith("g2"),
            k == null ? null : k >= 1 && k <= 3,
            k == null ? null : k >= -2 && k <= 2,
            v == null ? null : Math.abs(v),
            d == null ? null : BigDecimal.valueOf(d).setScale(1, RoundingMode.HALF_UP).doubleValue(),
            dt == null ? null : dt.getYear(),
            dt == null ? null : dt.getMonthValue(),
            dt == null ? null : dt.getDayOfMonth(),
            dt == null ? null : dt.plusDays(10)));
      }
      assertSameRows(result.collectAsList(), expected);
    }
  }

  @Test
  void castsFollowSparkNonAnsiRules() {
    try (EmberSession session = session("local[2]", 2)) {
      StructType schema = StructType.fromDDL("s STRING, l BIGINT");
      List<Row> input = List.of(
          RowFactory.create("3.7", 4294967297L), RowFactory.create("abc", null), RowFactory.create("-5", -1L),
          RowFactory.create(null, 7L), RowFactory.create("2021-03-04", 0L));
      DataFrame result = session.createDataFrame(input, schema)
          .select(col("s").cast("int"), col("l").cast(DataTypes.IntegerType), col("l").cast("string"),
              to_date(col("s")), col("s").cast("double"));
      assertThat(result.columns()).containsExactly(
          "CAST(s AS INT)", "CAST(l AS INT)", "CAST(l AS STRING)", "to_date(s)", "CAST(s AS DOUBLE)");
      assertIntegration(result.collectAsList(), List.of(
          row(3, 1, "4294967297", null, 3.7),
          row(null, null, null, null, null),
          row(-5, -1, "-1", null, -5.0),
          row(null, 7, "7", null, null),
          row(null, 0, "0", LocalDate.of(2021, 3, 4), null)));
    }
  }

  @Test
  void toDateWithAPattern() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame result = session.createDataFrame(
              List.of(RowFactory.create("04/03/2021"), RowFactory.create("bad"), RowFactory.create((Object) null)),
              StructType.fromDDL("s STRING"))
          .select(to_date(col("s"), "dd/MM/yyyy").as("d"));
      assertSameRows(result.collectAsList(), List.of(row(LocalDate.of(2021, 3, 4)), row((Object) null), row((Object) null)));
    }
  }

  @Test
  void emptyInputStaysEmpty() {
    try (EmberSession session = session("local[4]", 4)) {
      DataFrame empty = session.createDataFrame(List.of(), IntegrationSupport.FACTS);
      assertThat(empty.filter(col("k").gt(1)).select(col("id").plus(1)).collectAsList()).isEmpty();
      assertThat(empty.count()).isZero();
      assertThat(empty.isEmpty()).isTrue();
    }
  }

  private static void assertIntegration(List<Row> actual, List<Row> expected) {
    assertSameRows(actual, expected);
  }
}
