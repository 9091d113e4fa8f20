package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.task.TaskInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  @Test
  void rulesMatchStagePartitionAndAttemptWithWildcards() {
    FaultInjection injection = FaultInjection.parse("0:1:0, 2:*:*");
    assertThat(injection.failureFor(new TaskInfo(9, 0, 0, 0, 1, 0))).contains("stage 0 partition 1 attempt 0");
    assertThat(injection.failureFor(new TaskInfo(9, 0, 0, 0, 1, 1))).isNull();
    assertThat(injection.failureFor(new TaskInfo(9, 0, 0, 0, 0, 0))).isNull();
    assertThat(injection.failureFor(new TaskInfo(9, 0, 2, 3, 7, 3))).isNotNull();
    assertThat(FaultInjection.parse(null).rules()).isEmpty();
    assertThat(FaultInjection.parse(" ").rules()).isEmpty();
  }

  @Test
  void badRulesAreRejectedWithTheSettingName() {
    assertThatThrownBy(() -> FaultInjection.parse("1:2")).hasMessageContaining("test.ember.failTasks").hasMessageContaining("'1:2'");
    assertThatThrownBy(() -> FaultInjection.parse("1:x:0")).hasMessageContaining("'x'");
    assertThatThrownBy(() -> FaultInjection.parse("1:-1:0")).hasMessageContaining("'-1'");
  }

  @Test
  void settingsReadMaxFailuresAndTheHook() {
    SchedulerSettings settings = SchedulerSettings.from(Map.of("ember.task.maxFailures", "2", "test.ember.failTasks", "1:1:1"));
    assertThat(settings.maxTaskFailures()).isEqualTo(2);
    assertThat(settings.faultInjection().rules()).containsExactly(new FaultInjection.Rule(1, 1, 1));
    assertThat(SchedulerSettings.from(Map.of()).maxTaskFailures()).isEqualTo(4);
    assertThatThrownBy(() -> SchedulerSettings.from(Map.of("ember.task.maxFailures", "many")))
        .hasMessageContaining("ember.task.maxFailures").hasMessageContaining("'many'");
    assertThatThrownBy(() -> SchedulerSettings.from(Map.of("ember.task.maxFailures", "0")))
        .hasMessageContaining("at least 1");
  }
}
