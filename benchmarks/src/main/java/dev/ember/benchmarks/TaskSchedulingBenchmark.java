package dev.ember.benchmarks;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.scheduler.JobRunner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 9: per-task scheduling overhead. One job of {@code tasks} empty tasks (a range scan of
 * zero rows per partition, collected) on {@code local[2]} (executor threads in this JVM) against
 * {@code local-cluster[2,1,512m]} (two executor processes reached over Netty): serializing the
 * task, launching it, running it and shipping its result back. {@code tasks} counts empty tasks
 * per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class TaskSchedulingBenchmark {
  @Param({"local[2]", "local-cluster[2,1,512m]"})
  public String master;

  @Param({"200"})
  public int tasksPerJob;

  private JobRunner runner;

  /** Empty tasks finished (JMH divides by the iteration time). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Tasks {
    public long tasks;

    @Setup(Level.Iteration)
    public void reset() {
      tasks = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    runner = ExecutionEngines.start(master, Map.of("ember.executor.memory", "512m"));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    runner.close();
  }

  @Benchmark
  public int emptyTasks(Tasks counter) {
    List<PartitionResult> results =
        runner.runJob(new RangeScanExec(0, 0, 1, tasksPerJob), new ResultAction.Collect(), "empty tasks");
    counter.tasks += results.size();
    return results.size();
  }
}
