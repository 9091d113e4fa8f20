package dev.ember.sql.integration;

import dev.ember.sql.EmberSession;

/**
 * A driver process for {@link StandaloneScriptsIntegrationTest}: joins the standalone master named
 * by its argument, runs a job, says {@value #READY}, and waits to be killed.
 */
public final class StandaloneDriverMain {
  static final String READY = "driver ready";

  private StandaloneDriverMain() {}

  public static void main(String[] arguments) throws InterruptedException {
    EmberSession session = EmberSession.builder().appName("doomed-driver").master(arguments[0])
        .config("ember.executor.memory", "256m").config("ember.network.timeout", arguments[1])
        .config("ember.executor.heartbeatInterval", "500ms").config("ember.ui.enabled", "false").getOrCreate();
    System.out.println(READY + ": counted " + session.range(0, 1_000).count() + " rows");
    Thread.sleep(Long.MAX_VALUE);
  }
}
