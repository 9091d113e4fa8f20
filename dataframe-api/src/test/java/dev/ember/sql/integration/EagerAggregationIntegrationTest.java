package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.RuleApplication;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Eager aggregation ({@code PushAggregateBelowJoin}) keeps results: sums, minima and maxima of
 * facts joined to a dimension and grouped by dimension columns equal the same query with the rule
 * excluded and a plain-Java nested-loop join and grouping. The data has nulls in keys and
 * measures, keys that appear twice in the dimension (their facts count twice), keys on either side
 * without a partner, and empty inputs; one slot and one shuffle partition, and several of each.
 */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class EagerAggregationIntegrationTest {
  private static final String CONFIGURATIONS = "dev.ember.sql.integration.IntegrationSupport#configurations";
  private static final String RULE = "PushAggregateBelowJoin";
  private static final StructType FACTS = StructType.fromDDL("fk INT, v BIGINT, i INT, money DECIMAL(15,2), d DOUBLE");
  private static final StructType DIMENSION = StructType.fromDDL("dk INT, name STRING, region STRING");

  /** Facts: keys -3..24 (the dimension has 0..19) with nulls, skewed to 0; measures with nulls. */
  private static List<Row> facts(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int row = 0; row < count; row++) {
      Integer key = random.nextInt(12) == 0 ? null : random.nextInt(4) == 0 ? 0 : random.nextInt(28) - 3;
      Long v = random.nextInt(7) == 0 ? null : (long) random.nextInt(2_000_001) - 1_000_000;
      Integer i = random.nextInt(5) == 0 ? null : random.nextInt(500) - 250;
      BigDecimal money = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 100_000_000_00L, 2);
      Double d = random.nextInt(6) == 0 ? null : random.nextInt(1000) / 8.0;
      rows.add(RowFactory.create(key, v, i, money, d));
    }
    return rows;
  }

  /**
   * The dimension: keys 0..19, each once, some twice (a duplicate doubles its facts' sums), some
   * missing, and a null key; names from a small domain (several keys per group) with a null.
   */
  private static List<Row> dimension(long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int key = 0; key < 20; key++) {
      int copies = key % 7 == 3 ? 0 : key % 5 == 0 ? 2 : 1;
      for (int copy = 0; copy < copies; copy++) {
        String name = random.nextInt(9) == 0 ? null : "n" + random.nextInt(6);
        rows.add(RowFactory.create(key, name, "r" + (key % 3)));
      }
    }
    rows.add(RowFactory.create(null, "nullkey", "r0"));
    return rows;
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void sumsMinimaAndMaximaOfFactsJoinedToADimensionMatchPlainJava(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      for (List<Row> dimension : List.of(dimension(5), List.<Row>of())) {
        for (int size : new int[] {0, 1, 3000}) {
          for (int partitions : new int[] {1, 4}) {
            List<Row> facts = facts(size, size + partitions);
            DataFrame factsFrame = session.createDataFrame(facts, FACTS, partitions);
            DataFrame dimensionFrame = session.createDataFrame(dimension, DIMENSION, partitions);
            String where = size + " facts and " + dimension.size() + " dimension rows in " + partitions + " partitions";

            DataFrame byName = factsFrame.join(dimensionFrame, col("fk").equalTo(col("dk"))).groupBy("name")
                .agg(sum(col("v")).as("sv"), min(col("i")).as("low"), max(col("money")).as("top"),
                    sum(col("money")).as("sm"), sum(col("i").plus(col("v"))).as("both"));
            assertThat(byName.schema().simpleString()).isEqualTo(
                "struct<name:string,sv:bigint,low:int,top:decimal(15,2),sm:decimal(25,2),both:bigint>");
            assertMatches(session, byName, expected(facts, dimension, (fact, dim) -> Arrays.asList(dim.get(1)),
                EagerAggregationIntegrationTest::measures), where + ", by name");

            // The dimension on the left of the join, two grouping columns of it.
            DataFrame byNameAndRegion = dimensionFrame.join(factsFrame, col("dk").equalTo(col("fk")))
                .groupBy("region", "name").agg(sum(col("i")).as("si"), max(col("v")).as("high"));
            assertMatches(session, byNameAndRegion, expected(facts, dimension,
                (fact, dim) -> Arrays.asList(dim.get(2), dim.get(1)),
                fact -> List.of(new Sum(fact.get(2)), new Extreme(fact.get(1), true))), where + ", by region and name");
          }
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void sqlWithFiltersOnBothSidesMatchesPlainJavaAndASelectiveDimensionKeepsThePlan(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> facts = facts(2000, 17);
      List<Row> dimension = dimension(6);
      session.createDataFrame(facts, FACTS, 3).createOrReplaceTempView("facts");
      session.createDataFrame(dimension, DIMENSION, 2).createOrReplaceTempView("dims");
      List<Row> filteredFacts = facts.stream().filter(fact -> fact.get(2) != null && (Integer) fact.get(2) > 0).toList();
      List<Row> expected = expected(filteredFacts, dimension, (fact, dim) -> Arrays.asList(dim.get(1)),
          fact -> List.of(new Sum(fact.get(1)), new Extreme(fact.get(3), false)));

      // Only IS NOT NULL on the dimension: it is still read whole, the rule fires.
      DataFrame notNull = session.sql("SELECT name, sum(v) AS sv, min(money) AS low FROM facts JOIN dims ON fk = dk "
          + "WHERE i > 0 AND name IS NOT NULL GROUP BY name");
      assertMatches(session, notNull, expected.stream().filter(row -> row.get(0) != null).toList(), "SQL, name IS NOT NULL");

      // Through a derived table (an alias on the path), its columns pruned to what the query reads.
      DataFrame derived = session.sql("SELECT name, sum(v) AS sv, min(money) AS low FROM "
          + "(SELECT * FROM facts JOIN dims ON fk = dk WHERE i > 0) j GROUP BY name");
      assertMatches(session, derived, expected, "SQL, derived table");

      // A selective filter on the dimension: the rule must not fire.
      DataFrame selective = session.sql("SELECT name, sum(v) AS sv, min(money) AS low FROM facts JOIN dims ON fk = dk "
          + "WHERE i > 0 AND region = 'r1' GROUP BY name");
      assertThat(applications(selective)).doesNotContain(RULE);
      List<Row> regionOne = dimension.stream().filter(dim -> "r1".equals(dim.get(2))).toList();
      assertSameRows(selective.collectAsList(), expected(filteredFacts, regionOne, (fact, dim) -> Arrays.asList(dim.get(1)),
          fact -> List.of(new Sum(fact.get(1)), new Extreme(fact.get(3), false))));
    }
  }

  @ParameterizedTest
  @MethodSource(CONFIGURATIONS)
  void aSumOfDoublesIsNotRewritten(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      DataFrame query = session.createDataFrame(facts(500, 3), FACTS, 2)
          .join(session.createDataFrame(dimension(3), DIMENSION, 2), col("fk").equalTo(col("dk")))
          .groupBy("name").agg(sum(col("d")));
      assertThat(applications(query)).doesNotContain(RULE);
      assertThat(query.collectAsList()).isNotEmpty();
    }
  }

  /** The query's rows: with the rule (which must fire), without it, and from plain Java, all equal. */
  private static void assertMatches(EmberSession session, DataFrame query, List<Row> expected, String where) {
    assertThat(applications(query)).as(where).contains(RULE);
    assertThat(query.explainString("extended")).as(where).contains("partial_");
    List<Row> rewritten = query.collectAsList();
    session.conf().set("ember.sql.optimizer.excludedRules", RULE);
    List<Row> plain;
    try {
      assertThat(applications(query)).as(where).doesNotContain(RULE);
      plain = query.collectAsList();
    } finally {
      session.conf().set("ember.sql.optimizer.excludedRules", "");
    }
    assertSameRows(rewritten, plain);
    assertSameRows(rewritten, expected);
  }

  private static List<String> applications(DataFrame query) {
    return query.queryExecution().optimization().applications().stream().map(RuleApplication::rule).toList();
  }

  /** One aggregate's running value for one group. */
  private sealed interface Accumulator permits Sum, Extreme {
    Accumulator add(Accumulator other);

    Object result();
  }

  /** sum: null until a non-null value; LONG for integral values (INT sums widen), BigDecimal as is. */
  private record Sum(Object value) implements Accumulator {
    Sum {
      value = value instanceof Integer integer ? (Object) integer.longValue() : value;
    }

    @Override
    public Accumulator add(Accumulator other) {
      Object next = ((Sum) other).value;
      if (next == null) {
        return this;
      }
      if (value == null) {
        return other;
      }
      return new Sum(switch (next) {
        case BigDecimal decimal -> ((BigDecimal) value).add(decimal);
        case Long number -> (Long) value + number;
        default -> throw new IllegalArgumentException("no sum of " + next);
      });
    }

    @Override
    public Object result() {
      return value;
    }
  }

  /** min or max of comparable values, nulls skipped. */
  private record Extreme(Object value, boolean maximum) implements Accumulator {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Accumulator add(Accumulator other) {
      Object next = ((Extreme) other).value;
      if (next == null) {
        return this;
      }
      if (value == null) {
        return new Extreme(next, maximum);
      }
      int order = ((Comparable) next).compareTo(value);
      return maximum ? (order > 0 ? new Extreme(next, maximum) : this) : (order < 0 ? new Extreme(next, maximum) : this);
    }

    @Override
    public Object result() {
      return value;
    }
  }

  private static List<Accumulator> measures(Row fact) {
    Object i = fact.get(2);
    Object v = fact.get(1);
    Object both = i == null || v == null ? null : (long) (Integer) i + (Long) v;
    return List.of(new Sum(v), new Extreme(i, false), new Extreme(fact.get(3), true), new Sum(fact.get(3)), new Sum(both));
  }

  /** The inner join on fk = dk (nulls never match) by nested loops, grouped in plain Java. */
  private static List<Row> expected(List<Row> facts, List<Row> dimension, BiFunction<Row, Row, List<Object>> groupOf,
      java.util.function.Function<Row, List<Accumulator>> measuresOf) {
    Map<List<Object>, List<Accumulator>> groups = new HashMap<>();
    for (Row fact : facts) {
      for (Row dim : dimension) {
        if (fact.get(0) == null || dim.get(0) == null || !Objects.equals(fact.get(0), dim.get(0))) {
          continue;
        }
        List<Accumulator> values = measuresOf.apply(fact);
        groups.merge(groupOf.apply(fact, dim), values, (running, added) -> {
          List<Accumulator> merged = new ArrayList<>(running.size());
          for (int index = 0; index < running.size(); index++) {
            merged.add(running.get(index).add(added.get(index)));
          }
          return merged;
        });
      }
    }
    List<Row> rows = new ArrayList<>();
    groups.forEach((group, values) -> {
      List<Object> row = new ArrayList<>(group);
      values.forEach(value -> row.add(value.result()));
      rows.add(RowFactory.create(row.toArray()));
    });
    return rows;
  }
}
