package dev.ember.cluster.local;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.shuffle.sort.DiskShuffleManager;
import dev.ember.shuffle.sort.DiskShuffleSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Local backends wired as {@link dev.ember.cluster.ExecutionEngines} wires a session's: the disk
 * shuffle under a test's temporary directory (default settings: small outputs stay in memory) and
 * a default-sized memory manager spilling into the shuffle's directory. Tests keep the shuffle
 * manager to look at shuffles and drop map outputs through its API.
 */
final class LocalBackends {
  private LocalBackends() {}

  static DiskShuffleManager diskShuffle(Path localDirectory) {
    return new DiskShuffleManager(LocalBackend.EXECUTOR_ID, DiskShuffleSettings.defaults(localDirectory));
  }

  /** A backend that closes {@code shuffle} when it closes. */
  static LocalBackend backend(int threads, DiskShuffleManager shuffle) {
    return new LocalBackend(threads, shuffle,
        UnifiedMemoryManager.fromSettings(Map.of(), shuffle.rootDirectory().resolve("spill")));
  }
}
