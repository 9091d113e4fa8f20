package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A query written again, as new DataFrames, runs the physical plan the session made for it before
 * (its alias ids differ, nothing else), while nothing that plan followed changed; any other query,
 * a setting changed, a cache added, or a large local table is planned anew. Every result is checked
 * against plain Java.
 */
@ExtendWith(EngineHygiene.class)
class PlanCacheTest {
  private static final int ROWS = 500;
  private EmberSession session;
  private DataFrame table;

  @BeforeEach
  void start() {
    start(Map.of());
  }

  private void start(Map<String, String> settings) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession.Builder builder = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false");
    settings.forEach(builder::config);
    session = builder.getOrCreate();
    table = session.createDataFrame(rows(ROWS), schema());
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  @Test
  void aQueryWrittenAgainRunsThePlanMadeTheFirstTime() {
    DataFrame first = countsAbove(25);
    assertThat(countsByKey(first)).isEqualTo(expectedCountsAbove(25));
    PhysicalPlan planned = first.lastCollectExecution().physical();
    long hitsBefore = session.planCache().hits();

    DataFrame again = countsAbove(25);
    assertThat(countsByKey(again)).isEqualTo(expectedCountsAbove(25));

    assertThat(again.lastCollectExecution().physical()).as("found, not planned anew").isSameAs(planned);
    assertThat(session.planCache().hits()).isEqualTo(hitsBefore + 1);
    assertThat(again.explainString("simple")).as("explain still optimizes on demand").contains("HashAggregate", "Filter");
  }

  @Test
  void anotherQueryIsPlannedForItself() {
    assertThat(countsByKey(countsAbove(25))).isEqualTo(expectedCountsAbove(25));
    DataFrame other = countsAbove(60);

    assertThat(countsByKey(other)).isEqualTo(expectedCountsAbove(60));
    assertThat(session.planCache().size()).isEqualTo(2);
  }

  @Test
  void aSettingChangedOrACacheAddedPlansAnew() {
    DataFrame first = countsAbove(25);
    assertThat(countsByKey(first)).isEqualTo(expectedCountsAbove(25));
    PhysicalPlan planned = first.lastCollectExecution().physical();

    session.conf().set("ember.sql.shuffle.partitions", "3");
    DataFrame afterSetting = countsAbove(25);
    assertThat(countsByKey(afterSetting)).isEqualTo(expectedCountsAbove(25));
    PhysicalPlan replanned = afterSetting.lastCollectExecution().physical();
    assertThat(replanned).isNotSameAs(planned);
    assertThat(session.planCache().size()).as("the plans of the old settings are dropped").isEqualTo(1);

    table.cache();
    DataFrame afterCache = countsAbove(25);
    assertThat(countsByKey(afterCache)).isEqualTo(expectedCountsAbove(25));
    assertThat(afterCache.lastCollectExecution().physical()).isNotSameAs(replanned);
    assertThat(afterCache.lastCollectExecution().physical().toString()).contains("CachedScan");
  }

  @Test
  void aPlanCarryingALargeLocalTableIsNotKept() {
    DataFrame large = session.createDataFrame(rows((int) PlanCache.MAX_LOCAL_ROWS + 1), schema());
    DataFrame first = large.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    first.collectAsList();
    DataFrame again = large.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    again.collectAsList();

    assertThat(again.lastCollectExecution().physical()).isNotSameAs(first.lastCollectExecution().physical());
    assertThat(session.planCache().size()).isZero();
  }

  @Test
  void theLeastRecentlyUsedPlanLeavesAFullCache() {
    start(Map.of("ember.sql.planCache.maxEntries", "2"));
    DataFrame first = countsAbove(10);
    first.collectAsList();
    countsAbove(20).collectAsList();
    countsAbove(30).collectAsList();

    DataFrame firstAgain = countsAbove(10);
    assertThat(countsByKey(firstAgain)).isEqualTo(expectedCountsAbove(10));
    assertThat(firstAgain.lastCollectExecution().physical()).isNotSameAs(first.lastCollectExecution().physical());
    assertThat(session.planCache().size()).isEqualTo(2);
  }

  @Test
  void zeroEntriesTurnTheCacheOffAndOtherValuesAreRefused() {
    start(Map.of("ember.sql.planCache.maxEntries", "0"));
    assertThat(session.planCache()).isNull();
    DataFrame first = countsAbove(25);
    assertThat(countsByKey(first)).isEqualTo(expectedCountsAbove(25));
    DataFrame again = countsAbove(25);
    assertThat(countsByKey(again)).isEqualTo(expectedCountsAbove(25));
    assertThat(again.lastCollectExecution().physical()).isNotSameAs(first.lastCollectExecution().physical());

    session.stop();
    for (String bad : List.of("-1", "10001", "many")) {
      assertThatThrownBy(() -> EmberSession.builder().master("local[1]").config("ember.ui.enabled", "false")
          .config("ember.sql.planCache.maxEntries", bad).getOrCreate())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ember.sql.planCache.maxEntries")
          .hasMessageContaining("'" + bad + "'");
    }
    start(Map.of());
  }

  /**
   * Random queries from a small family, so that most are written again: each result must be its
   * own query's (a plan found for another query would answer with the other's rows).
   */
  @Test
  void randomQueriesWrittenAgainAnswerThemselves() {
    Random random = new Random(20261207L);
    List<Row> input = rows(ROWS);
    for (int round = 0; round < 60; round++) {
      int threshold = 10 * random.nextInt(4);
      boolean summed = random.nextBoolean();
      String name = random.nextBoolean() ? "value" : "other";
      DataFrame query = table.filter(col("price").gt(lit((double) threshold))).groupBy("category")
          .agg(summed ? sum(col("id")).as(name) : max(col("id")).as(name));

      Map<String, Long> expected = new TreeMap<>();
      for (Row row : input) {
        if (row.getDouble(2) > threshold) {
          expected.merge(row.getString(1), (long) row.getInt(0), summed ? Long::sum : Long::max);
        }
      }
      Map<String, Long> actual = new TreeMap<>();
      for (Row row : query.collectAsList()) {
        actual.put(row.getString(0), ((Number) row.get(1)).longValue());
      }
      assertThat(actual).as("round %d: %s of ids above %d as %s", round, summed ? "sum" : "max", threshold, name)
          .isEqualTo(expected);
      assertThat(query.columns()).containsExactly("category", name);
    }
    assertThat(session.planCache().hits()).as("most rounds repeat an earlier query").isGreaterThan(30);
  }

  private DataFrame countsAbove(double price) {
    return table.filter(col("price").gt(lit(price))).groupBy("category").count();
  }

  private static Map<String, Long> countsByKey(DataFrame counts) {
    Map<String, Long> actual = new TreeMap<>();
    for (Row row : counts.collectAsList()) {
      actual.put(row.getString(0), row.getLong(1));
    }
    return actual;
  }

  private static Map<String, Long> expectedCountsAbove(double price) {
    Map<String, Long> expected = new TreeMap<>();
    for (Row row : rows(ROWS)) {
      if (row.getDouble(2) > price) {
        expected.merge(row.getString(1), 1L, Long::sum);
      }
    }
    return expected;
  }

  private static StructType schema() {
    return new StructType()
        .add("id", DataTypes.IntegerType)
        .add("category", DataTypes.StringType)
        .add("price", DataTypes.DoubleType);
  }

  private static List<Row> rows(int count) {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(RowFactory.create(i, "category-" + random.nextInt(10), random.nextDouble() * 100));
    }
    return rows;
  }
}
