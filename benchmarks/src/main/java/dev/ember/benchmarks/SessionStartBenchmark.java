package dev.ember.benchmarks;

import dev.ember.sql.EmberSession;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Session start, measured as a single shot in a fresh JVM per fork, so class loading is included:
 * what an embedding program waits for. {@code startSession}: {@code
 * builder().master("local[2]").getOrCreate()} (target: under 300 ms); {@code
 * startSessionAndRunFirstJob}: the same plus the first job ({@code range(10).count()}), which also
 * loads the analyzer, planner, scheduler and serializer. The session is stopped after each shot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class SessionStartBenchmark {
  @Benchmark
  public boolean startSession() {
    try (EmberSession session = EmberSession.builder().appName("start").master("local[2]").getOrCreate()) {
      return session.isStopped();
    }
  }

  @Benchmark
  public long startSessionAndRunFirstJob() {
    try (EmberSession session = EmberSession.builder().appName("start").master("local[2]").getOrCreate()) {
      return session.range(10).count();
    }
  }
}
