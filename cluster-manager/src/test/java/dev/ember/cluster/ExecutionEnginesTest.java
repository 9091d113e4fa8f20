package dev.ember.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionEnginesTest {
  @TempDir
  Path localDirectory;

  @Test
  void settingsAreReadAndBadOnesRefused() {
    assertThatThrownBy(() -> ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.EXECUTOR_MEMORY, "lots"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.executor.memory").hasMessageContaining("'lots'");
    assertThatThrownBy(() -> ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.EXECUTOR_MEMORY, "-1g"), 1))
        .isInstanceOf(IllegalArgumentException.class);
    var settings = ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.LOCAL_DIR, localDirectory.toString(),
        ExecutionEngines.SHUFFLE_COMPRESS, "false", ExecutionEngines.EXECUTOR_MEMORY, "200m"), 2);
    assertThat(settings.localDirectory()).isEqualTo(localDirectory);
    assertThat(settings.compress()).isFalse();
    assertThat(settings.writeBufferBytes()).isEqualTo(50L << 20);
    assertThat(ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.EXECUTOR_MEMORY, "8g"), 2).writeBufferBytes())
        .isEqualTo(64L << 20);
    assertThat(ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.EXECUTOR_MEMORY, "1m"), 4).writeBufferBytes())
        .isEqualTo(1L << 20);
    assertThat(ExecutionEngines.shuffleSettings(Map.of(), 1).compress()).isTrue();
    assertThatThrownBy(() -> ExecutionEngines.shuffleSettings(Map.of(ExecutionEngines.SHUFFLE_COMPRESS, "yes"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.shuffle.compress");
    assertThat(ExecutionEngines.shuffleSettings(Map.of(), 1).inMemoryOutputBytes()).isEqualTo(1L << 20);
    assertThat(ExecutionEngines.shuffleSettings(
        Map.of(ExecutionEngines.SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "0"), 1).inMemoryOutputBytes()).isZero();
    assertThat(ExecutionEngines.shuffleSettings(
        Map.of(ExecutionEngines.SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "64k"), 1).inMemoryOutputBytes()).isEqualTo(64L << 10);
    assertThatThrownBy(() -> ExecutionEngines.shuffleSettings(
        Map.of(ExecutionEngines.SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "-5"), 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.shuffle.inMemoryOutputBytes");
  }
}
