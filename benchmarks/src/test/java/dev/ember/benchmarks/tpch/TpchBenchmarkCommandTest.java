package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpchBenchmarkCommandTest {
  @Test
  void emberJvmOptionsGoToEmbersJvmBeforeItsMainClassAndNowhereElse() {
    Arguments parsed = Arguments.parse(new String[] {
        "--ember-jvm-option", "-XX:TieredStopAtLevel=1", "--ember-jvm-option", "-Xss2m",
        "--ember-config", "ember.ui.enabled=false"});
    List<String> command = TpchBenchmark.emberCommand(parsed, "12g", 2, 3, Path.of("data"), Path.of("report"));
    int main = command.indexOf(EmberTpchRunner.class.getName());
    assertThat(command.subList(0, main)).containsSubsequence("-Xmx12g", "-XX:TieredStopAtLevel=1", "-Xss2m", "-cp");
    assertThat(command.subList(main, command.size())).containsSubsequence("--config", "ember.ui.enabled=false")
        .doesNotContain("-XX:TieredStopAtLevel=1");
  }

  @Test
  void withoutOptionsEmbersJvmGetsOnlyTheHeap() {
    List<String> command = TpchBenchmark.emberCommand(Arguments.parse(new String[0]), "4g", 2, 3, Path.of("data"),
        Path.of("report"));
    int main = command.indexOf(EmberTpchRunner.class.getName());
    assertThat(command.subList(1, main)).containsExactly("-Xmx4g", "-cp", System.getProperty("java.class.path"));
  }
}
