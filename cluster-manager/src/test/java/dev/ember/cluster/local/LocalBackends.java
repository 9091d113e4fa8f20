package dev.ember.cluster.local;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Local backends wired as {@link dev.ember.cluster.ExecutionEngines} wires a session's: the shuffle
 * in in-process mode (map outputs held as batches) under a test's temporary directory, and a
 * default-sized memory manager spilling into the shuffle's directory. Tests keep the shuffle
 * manager to look at shuffles and drop map outputs through its API.
 */
final class LocalBackends {
  private LocalBackends() {}

  static DiskShuffleManager diskShuffle(Path localDirectory) {
    return DiskShuffleManager.inProcess(LocalBackend.EXECUTOR_ID, DiskShuffleSettings.defaults(localDirectory),
        root -> UnifiedMemoryManager.fromSettings(Map.of(), root.resolve("spill")));
  }

  /** A backend that closes {@code shuffle} when it closes. */
  static LocalBackend backend(int threads, DiskShuffleManager shuffle) {
    UnifiedMemoryManager memory = shuffle.heldMemory() != null
        ? shuffle.heldMemory()
        : UnifiedMemoryManager.fromSettings(Map.of(), shuffle.rootDirectory().resolve("spill"));
    return new LocalBackend(threads, shuffle, memory);
  }
}
