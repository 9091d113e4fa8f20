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

  private static java.util.List<dev.ember.sql.Row> rows(int count, int keys, long seed) {
    java.util.Random random = new java.util.Random(seed);
    java.util.List<dev.ember.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      Integer key = random.nextInt(10) == 0 ? null : random.nextInt(50) == 0 ? 0 : random.nextInt(keys);
      rows.add(dev.ember.sql.RowFactory.create(key, random.nextInt(7) == 0 ? null : (long) i));
    }
    return rows;
  }

  @Test
  void aSmallLeftSideBuildsTheHashTableWithTheSameRowsAsBuildingOnTheRight() {
    dev.ember.sql.types.StructType small = dev.ember.sql.types.StructType.fromDDL("k INT, x BIGINT");
    dev.ember.sql.types.StructType large = dev.ember.sql.types.StructType.fromDDL("k2 INT, y BIGINT");
    java.util.List<dev.ember.sql.Row> left = rows(2_000, 300, 11);
    java.util.List<dev.ember.sql.Row> right = rows(20_000, 2_000, 12);
    java.util.Map<String, java.util.List<String>> byType = new java.util.HashMap<>();
    // 1 GB: the right side fits, built on the right. 100 KB: 15360 bytes per task, only the left's 6 KB fit.
    for (String memory : new String[] {"1g", "100k"}) {
      try (EmberSession session = session(memory)) {
        DataFrame smallFrame = session.createDataFrame(left, small);
        DataFrame largeFrame = session.createDataFrame(right, large);
        for (String type : new String[] {"inner", "left_outer", "right_outer", "full_outer"}) {
          DataFrame joined = smallFrame.join(largeFrame, col("k").equalTo(col("k2")), type);
          String plan = joined.explainString("simple");
          if (memory.equals("100k")) {
            assertThat(plan).as(type).startsWith("== Physical Plan ==\nProject expressions=[k#2, x#3, k2#0, y#1]");
          } else {
            assertThat(plan).as(type).startsWith("== Physical Plan ==\nHashJoin");
          }
          java.util.List<String> rendered = new java.util.ArrayList<>(joined.collectAsList().stream().map(Object::toString).toList());
          java.util.Collections.sort(rendered);
          java.util.List<String> previous = byType.putIfAbsent(type, rendered);
          if (previous != null) {
            assertThat(rendered).as(type).isEqualTo(previous);
          }
        }
      }
    }
    assertThat(byType.get("full_outer")).hasSizeGreaterThan(byType.get("inner").size());
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
