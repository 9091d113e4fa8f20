package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.testing.EngineHygiene;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DataFrame run again runs the plan its last action made (as Spark plans a Dataset once), but
 * only while nothing that plan followed changed: a setting, a cache added or removed, or what is
 * known of a cache's size makes the next action plan anew. Results are checked against plain Java
 * every time.
 */
@ExtendWith(EngineHygiene.class)
class ActionPlanReuseTest {
  private EmberSession session;

  @BeforeEach
  void start() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false").getOrCreate();
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  @Test
  void aDataFrameRunAgainRunsThePlanItMadeBeforeAndASettingChangeMakesANewOne() {
    DataFrame counts = session.range(300).filter(col("id").gt(lit(10))).groupBy(col("id").mod(lit(7)).as("key")).count();

    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    QueryExecution first = counts.lastCollectExecution();
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(counts.lastCollectExecution()).as("nothing changed: planned once").isSameAs(first);

    session.conf().set("ember.sql.shuffle.partitions", "3");
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    QueryExecution replanned = counts.lastCollectExecution();
    assertThat(replanned).as("a setting changed").isNotSameAs(first);
    assertThat(DerivedSettingsTest.exchangePartitions(replanned.physical())).containsExactly(3);
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(counts.lastCollectExecution()).isSameAs(replanned);

    session.conf().unset("ember.sql.shuffle.partitions");
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(counts.lastCollectExecution()).isNotSameAs(replanned);
    assertThat(DerivedSettingsTest.exchangePartitions(counts.lastCollectExecution().physical())).doesNotContain(3);
  }

  @Test
  void aCacheAddedOrRemovedBetweenRunsIsPlannedWith() {
    DataFrame base = session.range(300).filter(col("id").gt(lit(10)));
    DataFrame counts = base.groupBy(col("id").mod(lit(7)).as("key")).count();
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(readsCache(counts.lastCollectExecution().physical())).isFalse();

    base.cache();
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(readsCache(counts.lastCollectExecution().physical())).as("the cache added is read").isTrue();
    // That run stored the cache's blocks, so their sizes are known now: planned once more, then kept.
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    QueryExecution sized = counts.lastCollectExecution();
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(counts.lastCollectExecution()).isSameAs(sized);

    base.unpersist();
    assertThat(countsByKey(counts)).isEqualTo(expectedCounts());
    assertThat(readsCache(counts.lastCollectExecution().physical())).as("the cache removed is not read").isFalse();
  }

  @Test
  void countIsPlannedOnceWhileNothingChanges() {
    DataFrame filtered = session.range(1_000).filter(col("id").mod(lit(3)).equalTo(lit(0)));
    assertThat(filtered.count()).isEqualTo(334);
    QueryExecution first = filtered.lastCountExecution();
    assertThat(filtered.count()).isEqualTo(334);
    assertThat(filtered.lastCountExecution()).isSameAs(first);
    session.conf().set("ember.sql.optimizer.excludedRules", "PruneColumns");
    assertThat(filtered.count()).isEqualTo(334);
    assertThat(filtered.lastCountExecution()).isNotSameAs(first);
  }

  private static Map<Long, Long> countsByKey(DataFrame counts) {
    Map<Long, Long> actual = new TreeMap<>();
    for (Row row : counts.collectAsList()) {
      actual.put(((Number) row.get(0)).longValue(), row.getLong(1));
    }
    return actual;
  }

  private static Map<Long, Long> expectedCounts() {
    Map<Long, Long> expected = new TreeMap<>();
    for (long id = 11; id < 300; id++) {
      expected.merge(id % 7, 1L, Long::sum);
    }
    return expected;
  }

  private static boolean readsCache(PhysicalPlan plan) {
    if (plan instanceof CachedScanExec) {
      return true;
    }
    for (PhysicalPlan child : plan.children()) {
      if (readsCache(child)) {
        return true;
      }
    }
    return false;
  }
}
