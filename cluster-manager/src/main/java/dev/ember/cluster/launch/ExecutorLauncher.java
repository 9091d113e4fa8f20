package dev.ember.cluster.launch;

import java.io.IOException;

/**
 * How a worker starts executors. The standalone worker starts local JVM processes
 * ({@link ProcessExecutorLauncher}); a resource manager (Kubernetes pods, for example) can
 * implement this interface instead, since an executor needs nothing but its spec.
 */
public interface ExecutorLauncher {
  /** @throws IOException when the executor could not be started at all */
  LaunchedExecutor launch(ExecutorSpec spec) throws IOException;
}
