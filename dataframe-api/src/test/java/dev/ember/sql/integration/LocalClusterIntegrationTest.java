package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.examples.DemoJob;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The public API on {@code local-cluster[W,C,M]}: same answer as local mode, and stop() ends every process. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
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

  /** Join (shuffled: broadcast off), aggregate and sort: three shuffles read across the executors. */
  private static List<Row> shuffleJob(EmberSession session) {
    DataFrame orders = session.range(0, 40_000).select(col("id").as("order"), col("id").mod(997).as("customer"),
        col("id").mod(13).as("amount"));
    DataFrame customers = session.range(0, 997).select(col("id").as("customer"), col("id").mod(17).as("region"));
    return orders.join(customers, "customer").groupBy("region")
        .agg(count("order").as("orders"), sum("amount").as("total")).orderBy("region").collectAsList();
  }

  /** The join, aggregate and sort job, then the README's demo job (filter, join, groupBy, orderBy) in the same session. */
  @Test
  void aJoinAggregateSortJobFetchesRemoteBlocksAndEqualsLocalMode() {
    List<Row> local;
    List<Row> localDemo;
    try (EmberSession session = EmberSession.builder().master("local[2]")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").config("ember.sql.shuffle.partitions", "6").getOrCreate()) {
      local = shuffleJob(session);
      localDemo = DemoJob.revenueByCountry(session, 20_000).collectAsList();
    }
    assertThat(local).hasSize(17);
    assertThat(localDemo).isNotEmpty();

    AtomicLong remoteBlocks = new AtomicLong();
    Set<String> executorAddresses = java.util.concurrent.ConcurrentHashMap.newKeySet();
    try (EmberSession session = EmberSession.builder().master("local-cluster[2,1,512m]")
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").config("ember.sql.shuffle.partitions", "6")
        .getOrCreate()) {
      session.addJobListener(new JobListener() {
        @Override
        public void onStageCompleted(StageCompletedEvent event) {
          remoteBlocks.addAndGet(event.metrics().shuffleRemoteBlocksRead());
        }

        @Override
        public void onTaskEnd(TaskEndEvent event) {
          executorAddresses.add(String.valueOf(event.executorAddressOrNull()));
        }
      });
      assertThat(shuffleJob(session)).isEqualTo(local);
      IntegrationSupport.assertSameRowsInOrder(DemoJob.revenueByCountry(session, 20_000).collectAsList(), localDemo);
    }
    // Listeners see where each task ran: the block-server address of one of the two executors.
    assertThat(executorAddresses).hasSize(2).allMatch(address -> address.matches("127\\.0\\.0\\.1:[0-9]+"));
    // Six reducers per shuffle over two executors: some read map outputs of the other process.
    assertThat(remoteBlocks.get()).isPositive();
  }
}
