package dev.ember.cluster.worker;

import java.util.Objects;

/**
 * What a worker offers and where its master is.
 *
 * @param host the address the worker reports (executors it starts listen there for shuffle blocks)
 */
public record WorkerSettings(String workerId, String masterHost, int masterPort, String host, int cores,
    long memoryBytes) {
  public WorkerSettings {
    Objects.requireNonNull(workerId, "workerId is null");
    Objects.requireNonNull(masterHost, "masterHost is null");
    Objects.requireNonNull(host, "host is null");
    if (cores < 1 || memoryBytes < 1) {
      throw new IllegalArgumentException("a worker needs at least 1 core and some memory, got " + cores + " cores, "
          + memoryBytes + " bytes");
    }
  }
}
