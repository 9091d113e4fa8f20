package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.EmberSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopped session leaves no executor threads behind, and a job leaves no file handles open. */
@ExtendWith(EngineHygiene.class)
class ResourceLeakIntegrationTest {
  private static long executorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith("ember-"))
        .count();
  }

  @Test
  void stoppedSessionsLeaveNoThreads(@TempDir Path directory) throws Exception {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    long before = executorThreads();
    Path csv = directory.resolve("data.csv");
    Files.writeString(csv, "a,b\n1,x\n2,y\n3,z\n");
    for (int round = 0; round < 3; round++) {
      try (EmberSession session = EmberSession.builder().master("local[3]").getOrCreate()) {
        assertThat(session.read().option("header", "true").option("inferSchema", "true").csv(csv.toString())
            .groupBy("b").count().count()).isEqualTo(3);
        assertThat(session.range(100).filter(col("id").gt(10)).count()).isEqualTo(89);
      }
    }
    assertThat(executorThreads()).isEqualTo(before);
  }

  @Test
  void readingAFileReleasesIt(@TempDir Path directory) throws Exception {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    Path csv = directory.resolve("data.csv");
    Files.writeString(csv, "1,x\n2,y\n");
    long openBefore = openFileDescriptors();
    try (EmberSession session = EmberSession.builder().master("local[2]").getOrCreate()) {
      for (int round = 0; round < 20; round++) {
        assertThat(session.read().csv(csv.toString()).count()).isEqualTo(2);
      }
      // Twenty reads of the file: a leaked stream per read would show as twenty descriptors.
      assertThat(openFileDescriptors() - openBefore).isLessThan(10);
    }
  }

  /** Open descriptors of this JVM (Linux); 0 where /proc is missing, which makes the check vacuous there. */
  private static long openFileDescriptors() throws Exception {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(fds)) {
      return entries.count();
    }
  }

}
