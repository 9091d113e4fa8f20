package dev.ember.cluster.launch;

import java.util.Objects;

/**
 * One executor to start: which application it serves, its resources, and the driver address it
 * connects back to (the only thing it needs to know about the driver).
 */
public record ExecutorSpec(String applicationId, String executorId, int cores, long memoryBytes, String driverHost,
    int driverPort) {
  public ExecutorSpec {
    Objects.requireNonNull(applicationId, "applicationId is null");
    Objects.requireNonNull(executorId, "executorId is null");
    Objects.requireNonNull(driverHost, "driverHost is null");
    if (cores < 1 || memoryBytes < 1) {
      throw new IllegalArgumentException("an executor needs at least 1 core and some memory, got " + cores + " cores, "
          + memoryBytes + " bytes");
    }
    if (driverPort < 1 || driverPort > 65_535) {
      throw new IllegalArgumentException("driverPort must be 1..65535, got " + driverPort);
    }
  }
}
