package dev.ember.cluster.local;

import static dev.ember.cluster.local.Plans.K;
import static dev.ember.cluster.local.Plans.SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.DagScheduler;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broadcast hash join on the local executor: its tasks (more than its threads) share one hash
 * table per job, the rows are those of a nested-loop reference, and the tables go when the job ends.
 */
class LocalBroadcastJoinTest {
  @TempDir
  Path localDirectory;
  private LocalBackend backend;
  private DagScheduler runner;

  @BeforeEach
  void start() {
    backend = LocalBackends.backend(3, LocalBackends.diskShuffle(localDirectory));
    runner = new DagScheduler(backend, SchedulerSettings.defaults());
  }

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void theTasksOfAJobShareOneTableWhichTheJobsEndReleases() {
    InMemoryScanExec probe = Plans.scan(11, 8, 2000);
    InMemoryScanExec build = Plans.scan(12, 3, 300);
    Schema output = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.STRING),
        Field.of("bk", ColumnType.LONG), Field.of("bv", ColumnType.STRING));
    PhysicalPlan plan = new HashJoinExec(probe, new ExchangeExec(build, new Partitioning.Broadcast()), JoinType.INNER,
        List.<Expression>of(K), List.<Expression>of(new BoundReference(0, ColumnType.LONG, true)), null, output);
    List<List<Object>> expected = new ArrayList<>();
    for (List<Object> left : Plans.rows(probe)) {
      for (List<Object> right : Plans.rows(build)) {
        if (left.get(0) != null && Objects.equals(left.get(0), right.get(0))) {
          List<Object> row = new ArrayList<>(left);
          row.addAll(right);
          expected.add(row);
        }
      }
    }

    for (int job = 1; job <= 2; job++) {
      List<List<Object>> rows = Plans.all(runner.runJob(plan, new ResultAction.Collect(), "broadcast join"));
      assertThat(sorted(rows)).isEqualTo(sorted(expected)).isNotEmpty();
      // Eight probe tasks of the job, one build; released with the job.
      assertThat(backend.broadcastTables().buildCount()).isEqualTo(job);
      assertThat(backend.broadcastTables().size()).isZero();
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort((a, b) -> Arrays.asList(a.toArray()).toString().compareTo(Arrays.asList(b.toArray()).toString()));
    return copy;
  }
}
