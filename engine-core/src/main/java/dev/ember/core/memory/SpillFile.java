package dev.ember.core.memory;

import dev.ember.core.types.ColumnType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A finished spill file: open it once with {@link #open()} (the reader deletes it on close), or {@link #delete()} it. */
public record SpillFile(Path path, List<ColumnType> types, long rows, long bytes) {
  public SpillFile {
    Objects.requireNonNull(path, "path is null");
    types = List.copyOf(Objects.requireNonNull(types, "types is null"));
  }

  public SpillReader open() {
    return new SpillReader(this);
  }

  /** A reader that leaves the file in place, to be read again (cached blocks on disk). */
  public SpillReader openKeeping() {
    return new SpillReader(this, false);
  }

  public void delete() {
    deleteQuietly(path);
  }

  static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Best effort: the task's spill directory is cleaned with the executor's local directory.
    }
  }
}
