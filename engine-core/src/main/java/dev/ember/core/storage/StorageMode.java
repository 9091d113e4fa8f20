package dev.ember.core.storage;

/**
 * Where the block manager keeps a cached partition: on the heap within the storage budget (dropped
 * when it does not fit), on the heap falling back to local files, or in local files only.
 */
public enum StorageMode {
  MEMORY_ONLY(true, false),
  MEMORY_AND_DISK(true, true),
  DISK_ONLY(false, true);

  private final boolean useMemory;
  private final boolean useDisk;

  StorageMode(boolean useMemory, boolean useDisk) {
    this.useMemory = useMemory;
    this.useDisk = useDisk;
  }

  public boolean useMemory() {
    return useMemory;
  }

  public boolean useDisk() {
    return useDisk;
  }
}
