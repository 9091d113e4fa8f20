package dev.ember.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@ExtendWith(EngineHygiene.class)
class TaskMemoryManagerTest {
  /** A consumer that holds what it reserved and gives it all back when asked to spill. */
  private static final class Holder implements MemoryConsumer {
    final String name;
    final TaskMemory memory;
    final List<String> spills;
    final boolean canSpill;
    long held;

    Holder(String name, TaskMemory memory, List<String> spills, boolean canSpill) {
      this.name = name;
      this.memory = memory;
      this.spills = spills;
      this.canSpill = canSpill;
    }

    long grow(long bytes) {
      long granted = memory.reserve(bytes, this);
      held += granted;
      return granted;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public long spill(long bytes) {
      spills.add(name);
      if (!canSpill) {
        return 0;
      }
      long freed = held;
      memory.release(held, this);
      held = 0;
      return freed;
    }
  }

  @Test
  void aRefusedReservationSpillsTheOtherConsumersLargestFirstButNotTheRequester() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, Path.of("unused"));
    TaskMemoryManager memory = manager.newTaskMemory(7);
    List<String> spills = new ArrayList<>();
    Holder small = new Holder("small", memory, spills, true);
    Holder large = new Holder("large", memory, spills, true);
    Holder stubborn = new Holder("stubborn", memory, spills, false);
    Holder requester = new Holder("requester", memory, spills, true);
    small.grow(100);
    large.grow(300);
    stubborn.grow(400);
    requester.grow(100);

    // 100 free; the stubborn one (largest) frees nothing, the large one frees 300: enough.
    assertThat(requester.grow(350)).isEqualTo(350);
    assertThat(spills).containsExactly("stubborn", "large");
    assertThat(memory.used()).isEqualTo(100 + 400 + 450);
    assertThat(memory.usedBy(requester)).isEqualTo(450);

    // Nothing left to spill but the small one: the requester gets less and must spill itself.
    spills.clear();
    assertThat(requester.grow(500)).isEqualTo(150);
    assertThat(spills).containsExactly("stubborn", "small");
    assertThat(memory.peak()).isEqualTo(1000);
  }

  @Test
  void closingReleasesLeftoversAndReportsThem() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, Path.of("unused"));
    TaskMemoryManager memory = manager.newTaskMemory(1);
    Holder tidy = new Holder("tidy", memory, new ArrayList<>(), true);
    Holder leaky = new Holder("leaky", memory, new ArrayList<>(), true);
    tidy.grow(100);
    leaky.grow(250);
    memory.release(100, tidy);

    assertThat(memory.releaseAll()).containsExactly(java.util.Map.entry("leaky", 250L));
    assertThat(manager.executionUsed()).isZero();
    assertThat(manager.activeTasks()).isZero();
    assertThatThrownBy(() -> tidy.grow(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("ended");
  }

  @Test
  void releasingMoreThanAConsumerHoldsNamesIt() {
    TaskMemoryManager memory = UnifiedMemoryManager.forExecution(1000, Path.of("unused")).newTaskMemory(1);
    Holder holder = new Holder("sorter", memory, new ArrayList<>(), true);
    holder.grow(10);

    assertThatThrownBy(() -> memory.release(11, holder))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sorter releases 11 bytes but holds 10");
    assertThatThrownBy(() -> memory.reserve(-1, holder)).isInstanceOf(IllegalArgumentException.class);
  }
}
