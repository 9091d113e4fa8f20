package dev.ember.ui.eventlog;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.ListenerEvent;
import dev.ember.ui.json.JsonReader;
import dev.ember.ui.status.AppStatusStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads event logs back into status stores: the same events delivered in the same order build the
 * same store, so the history server's pages and REST answers are the live ones. A log without its
 * end line (the application still runs, or crashed) replays as an application not completed.
 */
public final class EventLogReplay {
  private EventLogReplay() {}

  /** Every log in {@code dir} ({@code *.jsonl}, and in-progress ones), oldest application first. */
  public static List<AppStatusStore> replayDirectory(Path dir, int retainedJobs, int retainedStages) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the event log directory " + dir + " does not exist or is not a directory");
    }
    List<Path> logs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(EventLogWriter.SUFFIX) || name.endsWith(EventLogWriter.SUFFIX + EventLogWriter.IN_PROGRESS)) {
          logs.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the event logs in " + dir, e);
    }
    logs.sort(null);
    List<AppStatusStore> stores = new ArrayList<>();
    for (Path log : logs) {
      stores.add(replay(log, retainedJobs, retainedStages));
    }
    stores.sort((left, right) -> Long.compare(left.application().startTime(), right.application().startTime()));
    return stores;
  }

  /**
   * The store the log's events build.
   *
   * @throws IllegalArgumentException naming the file and line that is not an event
   */
  public static AppStatusStore replay(Path log, int retainedJobs, int retainedStages) {
    try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
      AppStatusStore store = null;
      StageGraph[] graph = new StageGraph[1];
      String text;
      int number = 0;
      // A running application's log may end in a line it has not finished writing: that line is
      // skipped; a bad line with more lines after it, or at the end of a finished log, is an error.
      boolean inProgress = log.getFileName().toString().endsWith(EventLogWriter.IN_PROGRESS);
      IllegalArgumentException unfinished = null;
      while ((text = reader.readLine()) != null) {
        number++;
        if (text.isBlank()) {
          continue;
        }
        if (unfinished != null) {
          throw unfinished;
        }
        try {
          Object parsed = JsonReader.parse(text);
          if (!(parsed instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("a JSON object was expected");
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> line = (Map<String, Object>) raw;
          Object type = line.get("Event");
          if ("ApplicationStart".equals(type)) {
            store = new AppStatusStore((String) line.get("appId"), (String) line.get("appName"),
                (String) line.get("version"), ((Number) line.get("time")).longValue(), retainedJobs, retainedStages,
                AppStatusStore.DEFAULT_RETAINED_TASKS_PER_STAGE, null);
          } else if (store == null) {
            throw new IllegalArgumentException("the log does not begin with ApplicationStart");
          } else if ("ApplicationEnd".equals(type)) {
            store.applicationEnded(((Number) line.get("time")).longValue());
          } else {
            ListenerEvent event = EventJson.read(line, graph);
            if (event instanceof JobStartEvent start) {
              store.jobStarted(start, graph[0]);
            } else {
              event.deliverTo(store);
            }
          }
        } catch (RuntimeException bad) {
          IllegalArgumentException failure =
              new IllegalArgumentException("event log " + log + " line " + number + ": " + bad.getMessage(), bad);
          if (!inProgress || store == null) {
            throw failure;
          }
          unfinished = failure;
        }
      }
      if (store == null) {
        throw new IllegalArgumentException("event log " + log + " is empty");
      }
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the event log " + log, e);
    }
  }
}
