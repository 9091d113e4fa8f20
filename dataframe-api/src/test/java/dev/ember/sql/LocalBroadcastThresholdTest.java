package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.memory.UnifiedMemoryManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In local mode the automatic broadcast threshold follows executor memory; a set value wins. */
class LocalBroadcastThresholdTest {
  private final List<EmberSession> sessions = new ArrayList<>();

  private EmberSession start(EmberSession.Builder builder) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    EmberSession session = builder.getOrCreate();
    sessions.add(session);
    return session;
  }

  @AfterEach
  void stopAll() {
    sessions.forEach(EmberSession::stop);
  }

  @Test
  void theDefaultIsAQuarterOfOneTasksJoinMemoryAndGrowsWithExecutorMemory() {
    EmberSession heapSized = start(EmberSession.builder().master("local[2]"));
    // Unset executor memory follows the heap, and the threshold follows it.
    assertThat(heapSized.autoBroadcastJoinThreshold()).isEqualTo(
        PlannerSettings.localAutoBroadcastJoinThreshold(UnifiedMemoryManager.defaultExecutorMemory(), 2));
    heapSized.stop();
    EmberSession small = start(EmberSession.builder().master("local[2]").config("ember.executor.memory", "1g"));
    // 1g * 0.6 / 2 slots / 4 = 80 MB.
    assertThat(small.autoBroadcastJoinThreshold()).isEqualTo((long) (1073741824L * 0.6 / 2) / 4).isEqualTo(80530636L);
    assertThat(small.conf().get("ember.sql.autoBroadcastJoinThreshold")).isEqualTo("80530636");
    small.stop();
    EmberSession large = start(EmberSession.builder().master("local[2]").config("ember.executor.memory", "4g"));
    assertThat(large.autoBroadcastJoinThreshold()).isEqualTo(322122547L);
  }

  @Test
  void neverBelowSparksTenMegabytes() {
    EmberSession session = start(EmberSession.builder().master("local[4]").config("ember.executor.memory", "64m"));
    assertThat(session.autoBroadcastJoinThreshold()).isEqualTo(PlannerSettings.DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD);
  }

  @Test
  void anExplicitThresholdWinsAndMinusOneTurnsBroadcastingOff() {
    EmberSession set = start(EmberSession.builder().master("local[2]").config("ember.executor.memory", "1g")
        .config("ember.sql.autoBroadcastJoinThreshold", "2k"));
    assertThat(set.autoBroadcastJoinThreshold()).isEqualTo(2048);
    set.conf().set("ember.sql.autoBroadcastJoinThreshold", "-1");
    assertThat(set.autoBroadcastJoinThreshold()).isEqualTo(-1);
    // Unset: back to the local default.
    set.conf().unset("ember.sql.autoBroadcastJoinThreshold");
    assertThat(set.autoBroadcastJoinThreshold()).isEqualTo(80530636L);
    set.stop();
    EmberSession off = start(EmberSession.builder().master("local[2]").config("ember.sql.autoBroadcastJoinThreshold", "-1"));
    assertThat(new PlannerSettings(2, off.autoBroadcastJoinThreshold()).autoBroadcasts(0)).isFalse();
  }
}
