package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public API on {@code local-cluster[W,C,M]}: same answer as local mode, and stop() ends every process. */
@Tag("integration")
class LocalClusterIntegrationTest {
  private static List<Row> job(EmberSession session) {
    DataFrame numbers = session.range(0, 50_000);
    return numbers.filter(col("id").mod(7).equalTo(3)).select(col("id"), col("id").multiply(2).as("twice"))
        .collectAsList();
  }

  @Test
  void aSingleStageJobEqualsLocalModeAndStopLeavesNoProcess() {
    List<Row> local;
    try (EmberSession session = EmberSession.builder().master("local[2]").getOrCreate()) {
      local = job(session);
    }
    assertThat(local).hasSize(7_143);

    Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());
    List<ProcessHandle> started;
    try (EmberSession session = EmberSession.builder().master("local-cluster[2,1,512m]")
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s").getOrCreate()) {
      started = ProcessHandle.current().descendants().filter(process -> !before.contains(process)).toList();
      assertThat(started).as("master, 2 workers, 2 executors").hasSize(5);
      assertThat(job(session)).isEqualTo(local);
    }
    assertThat(started).noneMatch(ProcessHandle::isAlive);
  }
}
