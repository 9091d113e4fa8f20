package dev.ember.cluster.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.cluster.launch.ProcessExecutorLauncher;
import dev.ember.core.io.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  void killingTheDriverLeavesNoClusterProcessAndTheNextSessionReclaimsItsFolder() throws Exception {
    Path log = work.resolve("driver.log");
    Path localDirectory = Files.createDirectory(work.resolve("local"));
    Process driver = new ProcessBuilder(ProcessExecutorLauncher.currentJava(), "-cp",
        System.getProperty("java.class.path"), DriverProcessMain.class.getName(), "10s", localDirectory.toString())
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
      // The killed driver could not delete its cluster's folder (logs, work folders); it is a
      // session folder of the dead process, so the next session's start in that directory deletes it.
      List<Path> left;
      try (var entries = Files.list(localDirectory)) {
        left = entries.toList();
      }
      assertThat(left).as("the killed driver's cluster folder").hasSize(1);
      assertThat(left.get(0).resolve("master.log")).exists();
      Path next = Directories.createSessionFolder(localDirectory);
      try (var entries = Files.list(localDirectory)) {
        assertThat(entries.toList()).as("left after the next session's start").containsExactly(next);
      }
    } finally {
      cluster.forEach(ProcessHandle::destroyForcibly);
      driver.destroyForcibly();
    }
  }

  /**
   * SIGSTOP, not SIGKILL: the driver hangs with its connections open (as when its host vanishes),
   * so only the driver's missing heartbeats tell. The executor ends within ember.network.timeout
   * (4 s) by itself, while the master and worker (which follow the driver's process) still run.
   */
  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anExecutorWhoseDriverFallsSilentEndsWithinTheNetworkTimeout() throws Exception {
    Path log = work.resolve("silent-driver.log");
    Process driver = new ProcessBuilder(ProcessExecutorLauncher.currentJava(), "-cp",
        System.getProperty("java.class.path"), DriverProcessMain.class.getName(), "4s")
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
      List<ProcessHandle> executors = cluster.stream()
          .filter(process -> process.info().commandLine().orElse("").contains("EmberExecutor")).toList();
      assertThat(executors).hasSize(1);
      new ProcessBuilder("kill", "-STOP", Long.toString(driver.pid())).inheritIO().start().waitFor();
      long stopped = System.nanoTime();
      executors.get(0).onExit().get(30, TimeUnit.SECONDS);
      // The timeout (4 s) plus a heartbeat interval to notice, with room for a busy machine.
      assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(9));
      assertThat(cluster.stream().filter(process -> !executors.contains(process)))
          .as("master and worker follow the (still existing) driver process").allMatch(ProcessHandle::isAlive);
    } finally {
      driver.destroyForcibly();
      driver.waitFor();
      cluster.forEach(ProcessHandle::destroyForcibly);
    }
  }
}
