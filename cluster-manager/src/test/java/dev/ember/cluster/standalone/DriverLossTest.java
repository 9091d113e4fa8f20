package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.cluster.launch.ProcessExecutorLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of a local-cluster driver: its master, worker and executor processes all end by themselves. */
class DriverLossTest {
  @TempDir
  Path work;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killingTheDriverLeavesNoClusterProcess() throws Exception {
    Path log = work.resolve("driver.log");
    Process driver = new ProcessBuilder(ProcessExecutorLauncher.currentJava(), "-cp",
        System.getProperty("java.class.path"), DriverProcessMain.class.getName())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    List<ProcessHandle> cluster = List.of();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains(DriverProcessMain.READY)) {
        assertThat(driver.isAlive()).as("driver alive; log:\n" + Files.readString(log)).isTrue();
        assertThat(System.nanoTime()).as("driver ready within 60 s").isLessThan(deadline);
        Thread.sleep(50);
      }
      cluster = driver.descendants().toList();
      assertThat(cluster).as("master, worker, executor").hasSize(3);
      driver.destroyForcibly();
      driver.waitFor();
      long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (cluster.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < gone) {
        Thread.sleep(100);
      }
      assertThat(cluster).as("no process outlives its driver").noneMatch(ProcessHandle::isAlive);
    } finally {
      cluster.forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
  }
}
