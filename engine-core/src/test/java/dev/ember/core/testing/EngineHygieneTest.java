package dev.ember.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.ListenerFailures;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What the hygiene extension sees: open files (also deleted ones) and listener failures. */
class EngineHygieneTest {
  @TempDir Path directory;

  @Test
  @EnabledOnOs(OS.LINUX)
  void anOpenFileIsSeenEvenAfterItWasDeletedAndNotOnceClosed() throws Exception {
    Path file = Files.writeString(directory.resolve("spill-1.bin"), "x");
    InputStream input = Files.newInputStream(file);
    Files.delete(file);
    assertThat(EngineHygiene.openFiles()).containsKey(file + " (deleted)");
    input.close();
    assertThat(EngineHygiene.openFiles()).doesNotContainKey(file + " (deleted)");
  }

  @Test
  void listenerFailuresReachTheInstalledHandler() {
    List<RuntimeException> seen = new ArrayList<>();
    BiConsumer<JobListener, RuntimeException> previous = ListenerFailures.setHandler((listener, failure) -> seen.add(failure));
    try {
      IllegalStateException failure = new IllegalStateException("assertion inside a listener");
      ListenerFailures.report(new JobListener() {}, failure);
      assertThat(seen).containsExactly(failure);
    } finally {
      ListenerFailures.setHandler(previous);
    }
  }
}
