package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.testing.EngineHygiene;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The planner settings and the optimizer are derived from the configuration once per change, not
 * once per action: every {@code conf().set} and {@code unset} is seen by the next action, and
 * actions in between reuse what was derived.
 */
@ExtendWith(EngineHygiene.class)
class DerivedSettingsTest {
  private static final long ONE_GIGABYTE = 1L << 30;
  private EmberSession session;

  private EmberSession start() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false")
        .config("ember.executor.memory", "1g").getOrCreate();
    return session;
  }

  @AfterEach
  void stop() {
    if (session != null) {
      session.stop();
    }
  }

  @Test
  void plannerSettingsFollowEverySetAndUnsetAndAreReusedInBetween() {
    EmberSession session = start();
    PlannerSettings initial = session.plannerSettings();
    assertThat(initial).isEqualTo(new PlannerSettings(session.conf().shufflePartitions(),
        session.conf().autoBroadcastJoinThreshold(), PlannerSettings.joinMemoryBudget(ONE_GIGABYTE, 2)));
    assertThat(session.plannerSettings()).as("no change, no new settings").isSameAs(initial);

    session.conf().set("ember.sql.shuffle.partitions", "5");
    assertThat(session.plannerSettings().shufflePartitions()).isEqualTo(5);
    session.conf().set("ember.sql.autoBroadcastJoinThreshold", "2k");
    assertThat(session.plannerSettings().autoBroadcastJoinThreshold()).isEqualTo(2048);
    session.conf().set("spark.sql.shuffle.partitions", "7");
    assertThat(session.plannerSettings().shufflePartitions()).as("Spark's name of the key").isEqualTo(7);
    PlannerSettings changed = session.plannerSettings();
    session.conf().set("spark.some.other", "x");
    assertThat(session.plannerSettings()).as("another key changed").isEqualTo(changed);

    session.conf().unset("ember.sql.shuffle.partitions");
    session.conf().unset("ember.sql.autoBroadcastJoinThreshold");
    assertThat(session.plannerSettings()).isEqualTo(initial);
  }

  @Test
  void eachActionPlansWithTheShufflePartitionsSetJustBeforeIt() {
    EmberSession session = start();
    DataFrame numbers = session.range(200);
    Map<Long, Long> expected = new TreeMap<>();
    for (long id = 0; id < 200; id++) {
      expected.merge(id % 7, 1L, Long::sum);
    }
    for (int partitions : new int[] {3, 5, 3, 1, 4}) {
      session.conf().set("ember.sql.shuffle.partitions", Integer.toString(partitions));
      DataFrame counts = numbers.groupBy(col("id").mod(lit(7)).as("key")).count();
      assertThat(exchangePartitions(counts.queryExecution().physical())).containsExactly(partitions);
      Map<Long, Long> actual = new TreeMap<>();
      for (Row row : counts.collectAsList()) {
        actual.put(((Number) row.get(0)).longValue(), row.getLong(1));
      }
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void theOptimizerFollowsExcludedRulesAcrossChangesOfOtherKeys() {
    EmberSession session = start();
    DataFrame table = session.createDataFrame(
        List.of(RowFactory.create(1, "a", 2.0), RowFactory.create(2, "b", 30.0), RowFactory.create(3, null, 40.0)),
        dev.ember.sql.types.StructType.fromDDL("id INT, category STRING, price DOUBLE"));
    DataFrame query = table.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    assertThat(hasProject(query.queryExecution().optimized())).as("PruneColumns adds a projection").isTrue();

    session.conf().set("ember.sql.optimizer.excludedRules", "PruneColumns");
    DataFrame excluded = table.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    assertThat(hasProject(excluded.queryExecution().optimized())).isFalse();
    session.conf().set("ember.sql.shuffle.partitions", "3");
    DataFrame stillExcluded = table.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    assertThat(hasProject(stillExcluded.queryExecution().optimized())).as("another key changed").isFalse();
    assertThat(stillExcluded.collectAsList()).hasSize(2);

    session.conf().unset("ember.sql.optimizer.excludedRules");
    DataFrame again = table.filter(col("price").gt(lit(25.0))).groupBy("category").count();
    assertThat(hasProject(again.queryExecution().optimized())).isTrue();
  }

  @Test
  void theConfigurationVersionMovesWithEveryChange() {
    RuntimeConfig conf = start().conf();
    long version = conf.version();
    conf.get("ember.sql.shuffle.partitions");
    assertThat(conf.version()).as("a read changes nothing").isEqualTo(version);
    conf.set("ember.sql.shuffle.partitions", "9");
    assertThat(conf.version()).isGreaterThan(version);
    version = conf.version();
    conf.unset("ember.sql.shuffle.partitions");
    assertThat(conf.version()).isGreaterThan(version);
  }

  /** The partition counts of the plan's exchanges, top-down (ActionPlanReuseTest uses it too). */
  static List<Integer> exchangePartitions(PhysicalPlan plan) {
    List<Integer> counts = new ArrayList<>();
    if (plan instanceof ExchangeExec exchange) {
      counts.add(exchange.partitioning().partitionCount());
    }
    for (PhysicalPlan child : plan.children()) {
      counts.addAll(exchangePartitions(child));
    }
    return counts;
  }

  private static boolean hasProject(LogicalPlan plan) {
    if (plan instanceof Project) {
      return true;
    }
    for (LogicalPlan child : plan.children()) {
      if (hasProject(child)) {
        return true;
      }
    }
    return false;
  }
}
