package dev.ember.ui.eventlog;

import dev.ember.core.logging.LazyLogger;
import dev.ember.ui.status.AppStatusStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The applications of an event log directory, kept up to date by {@link #refresh()} as Spark's
 * history provider: a log that appeared or changed since the last scan (a new application, one
 * still running whose in-progress log grew, one that finished and renamed its log) is replayed
 * again; logs that are unchanged keep their store; removed logs are dropped. A log that cannot be
 * read is left out with a warning (and tried again when it changes).
 *
 * <p><b>Threads.</b> One thread refreshes (the history server's {@code ember-history-refresh});
 * any thread reads {@link #applications()}, a snapshot replaced whole at each refresh.
 */
public final class EventLogDirectory {
  private static final LazyLogger LOG = new LazyLogger(EventLogDirectory.class);

  private final Path dir;
  private final int retainedJobs;
  private final int retainedStages;
  /** What each log was when last replayed; touched by the refreshing thread only. */
  private final Map<Path, Replayed> known = new HashMap<>();
  private volatile List<AppStatusStore> applications = List.of();

  /** A log's size and modification time when replayed, and its store (null: it could not be read). */
  private record Replayed(long size, long modified, AppStatusStore store) {}

  public EventLogDirectory(Path dir, int retainedJobs, int retainedStages) {
    this.dir = Objects.requireNonNull(dir, "dir is null");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the event log directory " + dir + " does not exist or is not a directory");
    }
    this.retainedJobs = retainedJobs;
    this.retainedStages = retainedStages;
  }

  /** The applications as of the last refresh, oldest first. */
  public List<AppStatusStore> applications() {
    return applications;
  }

  /** Scans the directory, replays what changed, and returns the applications now. */
  public synchronized List<AppStatusStore> refresh() {
    Map<Path, BasicFileAttributes> present = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.endsWith(EventLogWriter.SUFFIX) || name.endsWith(EventLogWriter.SUFFIX + EventLogWriter.IN_PROGRESS)) {
          try {
            present.put(entry, Files.readAttributes(entry, BasicFileAttributes.class));
          } catch (IOException vanished) {
            // Renamed (finished) between the listing and now: the next scan sees its new name.
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the event logs in " + dir, e);
    }
    known.keySet().retainAll(present.keySet());
    for (Map.Entry<Path, BasicFileAttributes> entry : present.entrySet()) {
      long size = entry.getValue().size();
      long modified = entry.getValue().lastModifiedTime().toMillis();
      Replayed before = known.get(entry.getKey());
      if (before != null && before.size() == size && before.modified() == modified) {
        continue;
      }
      AppStatusStore store = null;
      try {
        store = EventLogReplay.replay(entry.getKey(), retainedJobs, retainedStages);
      } catch (RuntimeException unreadable) {
        LOG.get().warn("event log {} is left out: {}", entry.getKey(), unreadable.getMessage());
      }
      known.put(entry.getKey(), new Replayed(size, modified, store));
    }
    // An application whose log was renamed between two listings could be seen twice: keep the finished one.
    Map<String, AppStatusStore> byId = new HashMap<>();
    for (Replayed replayed : known.values()) {
      if (replayed.store() != null) {
        byId.merge(replayed.store().application().id(), replayed.store(),
            (left, right) -> left.application().completed() ? left : right);
      }
    }
    List<AppStatusStore> stores = new ArrayList<>(byId.values());
    stores.sort(Comparator.comparingLong((AppStatusStore store) -> store.application().startTime())
        .thenComparing(store -> store.application().id()));
    applications = List.copyOf(stores);
    return applications;
  }
}
