package dev.ember.cluster.local;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed local master URL: {@code local} (1 thread), {@code local[N]} (N >= 1), {@code local[*]}
 * (one per core), and {@code local[N,F]} / {@code local[*,F]} (F attempts per task).
 *
 * @param attemptsOrNull attempts per task from {@code local[N,F]}, or null when the URL does not say
 */
public record LocalMaster(int threads, Integer attemptsOrNull) {
  public static final String ACCEPTED_FORMS = "local, local[N] with N >= 1, local[*], local[N,F] (F attempts per task)";
  private static final Pattern WITH_THREADS = Pattern.compile("local\\[([0-9]+|\\*)(?:,([0-9]+))?\\]");

  public LocalMaster {
    if (threads < 1) {
      throw new IllegalArgumentException("a local master needs at least 1 thread, got " + threads);
    }
    if (attemptsOrNull != null && attemptsOrNull < 1) {
      throw new IllegalArgumentException("a local master needs at least 1 task attempt, got " + attemptsOrNull);
    }
  }

  public LocalMaster(int threads) {
    this(threads, null);
  }

  /**
   * Attempts per task, as Spark's local mode: F for {@code local[N,F]}, else 1 (a failure in one
   * process is rarely cured by running the same code again); {@code ember.task.maxFailures} is for clusters.
   */
  public int taskAttempts() {
    return attemptsOrNull == null ? 1 : attemptsOrNull;
  }

  public static LocalMaster parse(String master) {
    Objects.requireNonNull(master, "master is null");
    if (master.equals("local")) {
      return new LocalMaster(1);
    }
    Matcher matcher = WITH_THREADS.matcher(master);
    if (matcher.matches()) {
      String count = matcher.group(1);
      Integer attempts = null;
      if (matcher.group(2) != null) {
        try {
          attempts = Integer.parseInt(matcher.group(2));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("master '" + master + "' asks for too many task attempts", e);
        }
        if (attempts < 1) {
          throw new IllegalArgumentException("master '" + master + "' must allow at least 1 task attempt");
        }
      }
      if (count.equals("*")) {
        return new LocalMaster(Runtime.getRuntime().availableProcessors(), attempts);
      }
      int threads;
      try {
        threads = Integer.parseInt(count);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("master '" + master + "' asks for too many threads", e);
      }
      if (threads < 1) {
        throw new IllegalArgumentException("master '" + master + "' must ask for at least 1 thread");
      }
      return new LocalMaster(threads, attempts);
    }
    if (master.startsWith("local-cluster") || master.startsWith("ember://")) {
      throw new IllegalArgumentException("master '" + master
          + "' is not supported yet: local-cluster[...] and ember://host:port arrive with the standalone cluster;"
          + " use one of: " + ACCEPTED_FORMS);
    }
    throw new IllegalArgumentException("cannot parse master '" + master + "'; accepted forms: " + ACCEPTED_FORMS);
  }
}
