package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code local-cluster[W,C,M]}: real master, worker and executor processes on loopback. */
class LocalClusterTest {
  private static final Map<String, String> SETTINGS = Map.of(
      "ember.network.timeout", "60s", "ember.executor.heartbeatInterval", "1s");

  /** range(0, 100000) in 6 partitions, keeping ids below 71 234: one stage, no shuffle. */
  private static PhysicalPlan rangeFilter() {
    return new FilterExec(new RangeScanExec(0, 100_000, 1, 6), new Comparison(ComparisonOperator.LESS_THAN,
        new BoundReference(0, ColumnType.LONG, false), new Literal(71_234L, ColumnType.LONG)));
  }

  private static List<List<Object>> rows(List<PartitionResult> results) {
    List<List<Object>> rows = new ArrayList<>();
    for (PartitionResult result : results) {
      ((PartitionResult.Collected) result).batches().forEach(batch -> rows.addAll(batch.rows()));
    }
    return rows;
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSingleStageJobGivesLocalModesAnswerOnTwoWorkerProcessesAndLeavesNoProcessBehind() {
    List<List<Object>> local;
    try (JobRunner runner = ExecutionEngines.start("local[2]", Map.of())) {
      local = rows(runner.runJob(rangeFilter(), new ResultAction.Collect(), "local"));
    }
    assertThat(local).hasSize(71_234);

    Set<ProcessHandle> before = ProcessHandle.current().descendants().collect(Collectors.toSet());
    List<ProcessHandle> clusterProcesses;
    List<TaskEndEvent> tasks = Collections.synchronizedList(new ArrayList<>());
    try (JobRunner cluster = ExecutionEngines.start("local-cluster[2,1,256m]", SETTINGS)) {
      clusterProcesses = ProcessHandle.current().descendants().filter(process -> !before.contains(process)).toList();
      // A master, two workers and one executor per worker.
      assertThat(clusterProcesses).hasSize(5);
      assertThat(clusterProcesses.stream().map(process -> process.info().commandLine().orElse("")))
          .anySatisfy(command -> assertThat(command).contains("dev.ember.cluster.executor.EmberExecutor"));
      assertThat(cluster.defaultParallelism()).isEqualTo(2);
      cluster.addListener(new JobListener() {
        @Override
        public void onTaskEnd(TaskEndEvent event) {
          tasks.add(event);
        }
      });
      List<List<Object>> remote = rows(cluster.runJob(rangeFilter(), new ResultAction.Collect(), "cluster"));
      assertThat(remote).isEqualTo(local);
      // A second job on the same executors.
      assertThat(rows(cluster.runJob(rangeFilter(), new ResultAction.Collect(), "again"))).hasSize(71_234);
    }
    assertThat(tasks).hasSize(12).allMatch(TaskEndEvent::succeeded);
    assertThat(tasks.stream().map(TaskEndEvent::executorId).distinct()).containsExactlyInAnyOrder("0", "1");
    assertThat(clusterProcesses).noneMatch(ProcessHandle::isAlive);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anUnreachableStandaloneMasterFailsClearly() {
    assertThatThrownBy(() -> ExecutionEngines.start("ember://127.0.0.1:1", Map.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("127.0.0.1:1");
  }
}
