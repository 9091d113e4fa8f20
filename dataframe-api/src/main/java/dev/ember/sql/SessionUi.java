package dev.ember.sql;

import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.core.logging.LazyLogger;
import dev.ember.core.plan.NodeDescription;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.scheduler.JobRunner;
import dev.ember.sql.internal.ConfigEntries;
import dev.ember.ui.console.ConsoleProgressBar;
import dev.ember.ui.eventlog.EventLogWriter;
import dev.ember.ui.server.WebUi;
import dev.ember.ui.status.AppStatusStore;
import dev.ember.ui.status.RddStorageInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a session shows and keeps of its jobs: the status store (a job listener), the web UI
 * serving it, the event log and the console progress bar, each started when its setting is on. Created by the session's start
 * and stopped after its job runner closed, so the store has every event of the application.
 */
final class SessionUi {
  private static final LazyLogger LOG = new LazyLogger(SessionUi.class);

  private final AppStatusStore store;
  /** The web UI's server, starting on a thread of its own; null when the UI is off. */
  private final BackgroundWebUi webUi;
  private final ConsoleProgressBar progressBar;
  private final EventLogWriter eventLog;

  private SessionUi(AppStatusStore store, BackgroundWebUi webUi, ConsoleProgressBar progressBar, EventLogWriter eventLog) {
    this.store = store;
    this.webUi = webUi;
    this.progressBar = progressBar;
    this.eventLog = eventLog;
  }

  static SessionUi start(String appName, String master, Supplier<String> version, RuntimeConfig conf, JobRunner runner,
      CacheManager cacheManager) {
    long started = System.currentTimeMillis();
    String appId = (master.startsWith("local") && !master.startsWith("local-cluster") ? "local-" : "app-") + started;
    AppStatusStore store = null;
    BackgroundWebUi webUi = null;
    ConsoleProgressBar progressBar = null;
    EventLogWriter eventLog = null;
    try {
      if (Boolean.parseBoolean(conf.get(ConfigEntries.UI_ENABLED).trim())) {
        store = new AppStatusStore(appId, appName, version, started,
            ConfigEntries.positiveInt(ConfigEntries.UI_RETAINED_JOBS, conf.get(ConfigEntries.UI_RETAINED_JOBS)),
            ConfigEntries.positiveInt(ConfigEntries.UI_RETAINED_STAGES, conf.get(ConfigEntries.UI_RETAINED_STAGES)),
            AppStatusStore.DEFAULT_RETAINED_TASKS_PER_STAGE, () -> storage(cacheManager));
        runner.addListener(store);
        AppStatusStore served = store;
        // The server starts beside the session's start, which does not wait for it (the store
        // above already listens); uiWebUrl() waits.
        webUi = BackgroundWebUi.start(appName, () -> List.of(served),
            ConfigEntries.port(ConfigEntries.UI_PORT, conf.get(ConfigEntries.UI_PORT)));
      }
      if (Boolean.parseBoolean(conf.get(ConfigEntries.EVENT_LOG_ENABLED).trim())) {
        eventLog = EventLogWriter.start(Path.of(conf.get(ConfigEntries.EVENT_LOG_DIR)), appId, appName, version.get(), started);
        runner.addListener(eventLog);
        LOG.get().info("Ember event log of '{}' at {}", appName, eventLog.path());
      }
      if (Boolean.parseBoolean(conf.get(ConfigEntries.UI_SHOW_CONSOLE_PROGRESS).trim()) && System.console() != null) {
        progressBar = ConsoleProgressBar.start(System.err);
        runner.addListener(progressBar);
      }
    } catch (RuntimeException failed) {
      new SessionUi(store, webUi, progressBar, eventLog).stop();
      throw failed;
    }
    return new SessionUi(store, webUi, progressBar, eventLog);
  }

  Optional<String> url() {
    return webUi == null ? Optional.empty() : webUi.await().map(WebUi::url);
  }

  Optional<AppStatusStore> store() {
    return Optional.ofNullable(store);
  }

  /** After the job runner closed (its listener bus delivered everything). */
  void stop() {
    if (progressBar != null) {
      progressBar.close();
    }
    long ended = System.currentTimeMillis();
    if (store != null) {
      store.applicationEnded(ended);
    }
    if (eventLog != null) {
      eventLog.close(ended);
    }
    if (webUi != null) {
      webUi.close();
    }
  }

  private static List<RddStorageInfo> storage(CacheManager cacheManager) {
    List<RddStorageInfo> cached = new ArrayList<>();
    for (InMemoryRelation relation : cacheManager.relations()) {
      cached.add(RddStorageInfo.declared(relation.cacheId(), NodeDescription.outline(relation.cachedPhysical()),
          PlanPartitions.count(relation.cachedPhysical()), relation.mode().name()));
    }
    return cached;
  }
}
