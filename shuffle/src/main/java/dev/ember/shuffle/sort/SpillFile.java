package dev.ember.shuffle.sort;

import java.nio.file.Path;

/** One spill of a sort writer: every partition's frames, in partition order, and where each starts. */
record SpillFile(Path path, long[] offsets) {
  long start(int partition) {
    return offsets[partition];
  }

  long length(int partition) {
    return offsets[partition + 1] - offsets[partition];
  }
}
