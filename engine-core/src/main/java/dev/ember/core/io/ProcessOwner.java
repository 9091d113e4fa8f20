package dev.ember.core.io;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process that owns a folder Ember creates (a session's folder under {@code ember.local.dir},
 * a write's staging folder), written into the folder's name as {@code p<pid>s<start millis>} so the
 * owner is known from the moment the folder exists (no window with an unowned folder). A folder
 * whose owner is gone, a process that crashed or was killed, is reclaimed by the next session or
 * write; a live owner's folder is never touched. The start time tells a reused process id from the
 * original owner.
 *
 * @param pid the process id
 * @param startMillis the process start in epoch milliseconds, 0 when the platform does not say
 */
public record ProcessOwner(long pid, long startMillis) {
  private static final Pattern TAG = Pattern.compile("p([0-9]{1,19})s([0-9]{1,19})");
  /** Process start times are computed from clock ticks: two readings of one process may differ slightly. */
  private static final long START_TOLERANCE_MILLIS = Duration.ofSeconds(2).toMillis();
  private static final ProcessOwner CURRENT = of(ProcessHandle.current());

  /** This JVM. */
  public static ProcessOwner current() {
    return CURRENT;
  }

  static ProcessOwner of(ProcessHandle process) {
    Optional<Instant> started = process.info().startInstant();
    long start = started.isPresent() ? started.get().toEpochMilli() : 0L;
    return new ProcessOwner(process.pid(), start);
  }

  /** {@code p<pid>s<start millis>}, the form folder names carry. */
  public String tag() {
    return "p" + pid + "s" + startMillis;
  }

  /** The owner in a tag written by {@link #tag()}, or empty for another text. */
  public static Optional<ProcessOwner> parse(String tag) {
    Matcher matcher = TAG.matcher(tag);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcessOwner(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  /**
   * Whether the owner still runs: a live process with this id that started at the recorded time (a
   * process that reused the id started later). When either start time is unknown, a live id counts as alive.
   */
  public boolean isAlive() {
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()) {
      return false;
    }
    if (startMillis == 0) {
      return true;
    }
    Optional<Instant> started = process.get().info().startInstant();
    return started.isEmpty() || Math.abs(started.get().toEpochMilli() - startMillis) <= START_TOLERANCE_MILLIS;
  }
}
