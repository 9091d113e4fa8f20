package dev.ember.cluster.standalone;

import dev.ember.cluster.ExecutionEngines;
import dev.ember.core.scheduler.JobRunner;
import java.util.HashMap;
import java.util.Map;

/** A driver process for {@link DriverLossTest}: starts a local cluster, says so, and waits to be killed. */
public final class DriverProcessMain {
  static final String READY = "driver ready";

  private DriverProcessMain() {}

  public static void main(String[] arguments) throws InterruptedException {
    // The network timeout may be given as the first argument (default 10s), ember.local.dir as the second.
    String timeout = arguments.length > 0 ? arguments[0] : "10s";
    Map<String, String> settings = new HashMap<>(Map.of("ember.network.timeout", timeout, "ember.executor.heartbeatInterval", "500ms"));
    if (arguments.length > 1) {
      settings.put("ember.local.dir", arguments[1]);
    }
    JobRunner runner = ExecutionEngines.start("local-cluster[1,1,256m]", settings);
    System.out.println(READY + " with " + runner.defaultParallelism() + " slots");
    Thread.sleep(Long.MAX_VALUE);
  }
}
