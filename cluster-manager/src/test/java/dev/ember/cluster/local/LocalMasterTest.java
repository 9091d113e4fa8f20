package dev.ember.cluster.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.JobRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalMasterTest {
  @Test
  void acceptedForms() {
    assertThat(LocalMaster.parse("local").threads()).isEqualTo(1);
    assertThat(LocalMaster.parse("local[1]").threads()).isEqualTo(1);
    assertThat(LocalMaster.parse("local[12]").threads()).isEqualTo(12);
    assertThat(LocalMaster.parse("local[*]").threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void rejectedForms() {
    assertThatThrownBy(() -> LocalMaster.parse("local[0]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 thread");
    assertThatThrownBy(() -> LocalMaster.parse("local[99999999999]")).isInstanceOf(IllegalArgumentException.class);
    for (String clusterMaster : new String[] {"local-cluster[2,1,1024]", "ember://host:7077"}) {
      assertThatThrownBy(() -> LocalMaster.parse(clusterMaster)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(clusterMaster).hasMessageContaining("standalone cluster");
    }
    for (String bad : new String[] {"yarn", "local[]", "local[-1]", "LOCAL", " local", "local[2", "spark://x:1"}) {
      assertThatThrownBy(() -> LocalMaster.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("local[N]").hasMessageContaining("local[*]");
    }
    assertThatThrownBy(() -> LocalMaster.parse(null)).hasMessageContaining("master is null");
  }

  @Test
  void startReadsTheMasterAndTheSettings() {
    try (JobRunner runner = ExecutionEngines.start("local[3,2]", Map.of())) {
      assertThat(runner.defaultParallelism()).isEqualTo(3);
      assertThat(((DagScheduler) runner).settings().maxTaskFailures()).isEqualTo(2);
    }
    assertThatThrownBy(() -> ExecutionEngines.start("yarn", Map.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ExecutionEngines.start("local", Map.of("ember.task.maxFailures", "x")))
        .hasMessageContaining("ember.task.maxFailures");
  }
}
