package dev.ember.benchmarks.tpch.peers;

import java.nio.file.Path;
import java.util.List;

/** A peer engine as the runner drives it: load tables, run SQL, say how much memory its tables take. */
interface SqlEngine extends AutoCloseable {
  /** Reads the {@code |}-separated files of {@code folder} as table {@code name} with columns {@code ddl}, kept in memory. */
  void load(String name, String ddl, Path folder) throws Exception;

  /** The rows of {@code sql}, values as the engine's Java API returns them. */
  List<List<Object>> query(String sql) throws Exception;

  /** Bytes the loaded tables take (heap or the engine's own store) and what that number measures. */
  MemoryUse memoryAfterLoad() throws Exception;

  record MemoryUse(long bytes, String note) {}

  @Override
  void close() throws Exception;
}
