package dev.ember.ui.server;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.NetworkSettings;
import dev.ember.ui.eventlog.EventLogDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/ember history <dir> [--port 18080] [--conf key=value]}: serves the applications of the
 * event logs in {@code dir} with the same pages and REST API as the live UI, one application per
 * log, on 127.0.0.1 (Spark's history server port 18080, or the next free one). The directory is
 * scanned again every {@value #UPDATE_INTERVAL} (Spark's {@code spark.history.fs.update.interval},
 * also accepted; default 10s; from {@code --conf} or a system property), so applications that start,
 * run on or finish appear without a restart.
 *
 * <p><b>Threads.</b> One {@code ember-history-refresh} thread scans; the web UI's threads read the
 * directory's snapshot. {@link #close()} stops both.
 */
public final class HistoryServer implements AutoCloseable {
  private static final LazyLogger LOG = new LazyLogger(HistoryServer.class);
  public static final int DEFAULT_PORT = 18080;
  public static final String UPDATE_INTERVAL = "ember.history.fs.update.interval";
  public static final String SPARK_UPDATE_INTERVAL = "spark.history.fs.update.interval";
  public static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(10);

  private final EventLogDirectory logs;
  private final WebUi ui;
  private final ScheduledExecutorService refresher;

  private HistoryServer(EventLogDirectory logs, WebUi ui, ScheduledExecutorService refresher) {
    this.logs = logs;
    this.ui = ui;
    this.refresher = refresher;
  }

  /** Reads {@code dir} once, serves it on {@code port} (0: any free port) and rescans it every {@code updateInterval}. */
  public static HistoryServer start(Path dir, int port, Duration updateInterval) {
    Objects.requireNonNull(updateInterval, "updateInterval is null");
    if (updateInterval.isNegative() || updateInterval.isZero()) {
      throw new IllegalArgumentException(UPDATE_INTERVAL + " must be positive, got " + updateInterval);
    }
    EventLogDirectory logs = new EventLogDirectory(dir, 100_000, 100_000);
    logs.refresh();
    WebUi ui = WebUi.start(logs::applications, port, true);
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "ember-history-refresh");
      thread.setDaemon(true);
      return thread;
    });
    long millis = updateInterval.toMillis();
    refresher.scheduleWithFixedDelay(() -> {
      try {
        logs.refresh();
      } catch (RuntimeException e) {
        // The directory went away or cannot be listed now: keep serving what was read, try again later.
        LOG.get().warn("could not rescan the event logs in {}: {}", dir, e.getMessage());
      }
    }, millis, millis, TimeUnit.MILLISECONDS);
    return new HistoryServer(logs, ui, refresher);
  }

  public String url() {
    return ui.url();
  }

  public int applicationCount() {
    return logs.applications().size();
  }

  /**
   * The update interval from {@code settings} ({@value #UPDATE_INTERVAL}, else Spark's key; a
   * number without unit is seconds, as in Spark), or the default.
   */
  public static Duration updateInterval(Map<String, String> settings) {
    String value = settings.getOrDefault(UPDATE_INTERVAL, settings.get(SPARK_UPDATE_INTERVAL));
    return NetworkSettings.duration(settings.containsKey(UPDATE_INTERVAL) ? UPDATE_INTERVAL : SPARK_UPDATE_INTERVAL,
        value, DEFAULT_UPDATE_INTERVAL);
  }

  /** Stops rescanning and serving; idempotent. */
  @Override
  public void close() {
    refresher.shutdownNow();
    try {
      if (!refresher.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.get().warn("the history refresh thread did not end within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ui.close();
  }

  public static void main(String[] args) throws InterruptedException {
    String usage = "usage: bin/ember history <event log dir> [--port " + DEFAULT_PORT + "] [--conf "
        + UPDATE_INTERVAL + "=10s]";
    if (args.length < 1 || args[0].startsWith("-")) {
      System.err.println(usage);
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    int port = DEFAULT_PORT;
    Map<String, String> settings = new HashMap<>();
    for (String key : new String[] {UPDATE_INTERVAL, SPARK_UPDATE_INTERVAL}) {
      if (System.getProperty(key) != null) {
        settings.put(key, System.getProperty(key));
      }
    }
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--conf") && i + 1 < args.length && args[i + 1].contains("=")) {
        String setting = args[++i];
        settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
      } else {
        System.err.println("unknown argument '" + args[i] + "'; " + usage);
        System.exit(2);
      }
    }
    HistoryServer server = start(dir, port, updateInterval(settings));
    System.out.println("Ember history server for " + server.applicationCount() + " application(s) in " + dir + " at "
        + server.url() + " (rescanned every " + updateInterval(settings).toMillis() / 1000.0 + " s)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "ember-history-shutdown"));
    stopped.await();
  }
}
