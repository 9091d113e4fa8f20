package dev.ember.sql.explain;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import org.junit.jupiter.api.Test;

/**
 * The session derives each task's join memory budget from {@code ember.executor.memory} (× 0.6 per
 * slot): with little memory, a join of two large sides is planned as a sort-merge join.
 */
class JoinSelectionIntegrationTest {

  private static EmberSession session(String executorMemory) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    return EmberSession.builder().appName("join-selection").master("local[4]")
        .config("ember.sql.shuffle.partitions", "4")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1")
        .config("ember.executor.memory", executorMemory)
        .getOrCreate();
  }

  /** range(200000) ⋈ range(100000): 1.6 MB and 0.8 MB estimated, 400 KB and 200 KB per task. */
  private static DataFrame join(EmberSession session) {
    return session.range(200_000).join(session.range(100_000).withColumnRenamed("id", "id2"), col("id").equalTo(col("id2")));
  }

  @Test
  void littleExecutorMemoryMakesASortMergeJoin() {
    // 1 MB × 0.6 / 4 slots = 157286 bytes per task: neither side fits.
    try (EmberSession session = session("1m")) {
      assertThat(join(session).explainString("simple")).isEqualTo("""
          == Physical Plan ==
          SortMergeJoin type=Inner, leftKeys=[id#0], rightKeys=[id2#0], resultStage=2, resultTasks=4
            Exchange hashpartitioning(id#0, 4), endsStage=0, stageTasks=4
              Range start=0, end=200000, step=1, partitions=4
            Exchange hashpartitioning(id2#0, 4), endsStage=1, stageTasks=4
              Project expressions=[id#0 AS id2]
                Range start=0, end=100000, step=1, partitions=4
          """);
    }
    // 2 MB: 314572 bytes per task, the right side's 200 KB fit.
    try (EmberSession session = session("2m")) {
      assertThat(join(session).explainString("simple")).startsWith("== Physical Plan ==\nHashJoin type=Inner");
    }
  }

  @Test
  void theDefaultMemoryKeepsHashJoins() {
    try (EmberSession session = session("1g")) {
      DataFrame joined = join(session);
      assertThat(joined.explainString("formatted")).contains("HashJoin [narrow] type=Inner").doesNotContain("SortMergeJoin");
      assertThat(joined.count()).isEqualTo(100_000);
    }
  }
}
