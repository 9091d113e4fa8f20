package dev.ember.core.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.TaskMemoryManager;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.testing.EngineHygiene;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A real memory manager with a small execution budget for one task, spilling under a test directory. */
public final class MemoryFixture {
  public final Path spillDirectory;
  public final UnifiedMemoryManager manager;
  public final TaskMemoryManager memory;
  public final TaskMetrics metrics = new TaskMetrics();
  public final MemoryContext context;

  public MemoryFixture(Path directory, long budget) {
    this.spillDirectory = directory.resolve("spill");
    this.manager = UnifiedMemoryManager.forExecution(budget, spillDirectory);
    this.memory = manager.newTaskMemory(1);
    this.context = new MemoryContext(memory, metrics);
    // Under EngineHygiene a test fails when it ends with execution memory still reserved here.
    EngineHygiene.trackExecutionMemory("the memory fixture's manager (budget " + budget + ")", manager::executionUsed);
  }

  /** Every reservation was released and every spill file deleted. */
  public void assertClean() {
    assertThat(memory.used()).as("execution memory still reserved").isZero();
    assertThat(manager.executionUsed()).isZero();
    assertThat(spillFiles()).as("spill files left in " + spillDirectory).isZero();
  }

  public long spillFiles() {
    if (!Files.exists(spillDirectory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(spillDirectory)) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
