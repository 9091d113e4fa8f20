package dev.ember.ui.server;

import dev.ember.ui.eventlog.EventLogReplay;
import dev.ember.ui.status.AppStatusStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/ember history <dir> [--port 18080]}: replays the event logs in {@code dir} and serves
 * the same pages and REST API as the live UI, one application per log, on 127.0.0.1 (Spark's
 * history server port 18080, or the next free one). The logs are read once at start.
 */
public final class HistoryServer {
  public static final int DEFAULT_PORT = 18080;

  private HistoryServer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println("usage: bin/ember history <event log dir> [--port " + DEFAULT_PORT + "]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int port = DEFAULT_PORT;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else {
        System.err.println("unknown argument '" + args[i] + "'; usage: bin/ember history <dir> [--port N]");
        System.exit(2);
      }
    }
    List<AppStatusStore> applications = EventLogReplay.replayDirectory(dir, 100_000, 100_000);
    WebUi ui = WebUi.start(() -> applications, port, true);
    System.out.println("Ember history server for " + applications.size() + " application(s) in " + dir + " at "
        + ui.url());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      ui.close();
      stopped.countDown();
    }, "ember-history-shutdown"));
    stopped.await();
  }
}
