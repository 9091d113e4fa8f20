package dev.ember.core.io;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
  /** Process start times are computed from clock ticks: two readings of one process may differ slightly. */
  private static final long START_TOLERANCE_MILLIS = Duration.ofSeconds(2).toMillis();
  /**
   * Linux's clock ticks per second in {@code /proc} ({@code USER_HZ}): 100 on every architecture
   * the JDK runs on there, as the JDK's own reading of process start times assumes through
   * {@code sysconf(_SC_CLK_TCK)}.
   */
  private static final long PROC_TICKS_PER_SECOND = 100;
  private static final ProcessOwner CURRENT = readCurrent();

  /** The tag's pattern, compiled by the first {@link #parse} (a reclaim), not by every session's start. */
  private static final class TagPattern {
    static final Pattern TAG = Pattern.compile("p([0-9]{1,19})s([0-9]{1,19})");
  }

  /** This JVM. */
  public static ProcessOwner current() {
    return CURRENT;
  }

  /**
   * This JVM, from {@code /proc} on Linux: {@link ProcessHandle}'s first use starts the JDK's
   * process-reaper machinery, 20-30 ms of a fresh JVM on a 2-core machine, which every session's
   * start would pay for two numbers. Elsewhere (or if {@code /proc} cannot be read), from
   * {@link ProcessHandle}.
   */
  static ProcessOwner readCurrent() {
    try {
      Optional<ProcessOwner> fromProc = fromProcFiles(
          readText("/proc/self/stat"), readText("/proc/stat"));
      if (fromProc.isPresent()) {
        return fromProc.get();
      }
    } catch (IOException | RuntimeException notLinux) {
      // No /proc (or an unexpected layout): the portable way below.
    }
    return of(ProcessHandle.current());
  }

  /**
   * A small file's text through {@link FileInputStream}, whose classes the JVM has loaded at boot:
   * {@code Files.readString} opens a file channel, whose first use initializes NIO's channel classes
   * on the session's start path (about 2 ms of a fresh JVM).
   */
  private static String readText(String file) throws IOException {
    try (FileInputStream input = new FileInputStream(file)) {
      return new String(input.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /**
   * The owner described by a process's {@code /proc/<pid>/stat} and the system's {@code /proc/stat},
   * with the start computed as the JDK computes {@link ProcessHandle.Info#startInstant()} on Linux
   * (boot time plus the start in clock ticks), so a later session reading this process through
   * {@link ProcessHandle} finds the same start; empty when either text is not in the expected form.
   */
  static Optional<ProcessOwner> fromProcFiles(String processStat, String systemStat) {
    // "pid (command) state ppid ...": the command may hold spaces and parentheses, so the fields
    // after it are counted from the last ')'; the start time is field 22 of the line.
    int commandEnd = processStat.lastIndexOf(')');
    int pidEnd = processStat.indexOf(' ');
    if (commandEnd < 0 || pidEnd <= 0) {
      return Optional.empty();
    }
    String startTicks = field(processStat, commandEnd + 1, 22 - 2);
    // The boot time in seconds: the line "btime <seconds>" of /proc/stat.
    int bootLine = systemStat.startsWith("btime ") ? 0 : systemStat.indexOf("\nbtime ") + 1;
    if (startTicks == null || (bootLine == 0 && !systemStat.startsWith("btime "))) {
      return Optional.empty();
    }
    String bootSeconds = field(systemStat, bootLine + "btime ".length(), 1);
    if (bootSeconds == null) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(processStat.substring(0, pidEnd));
      long startMillis = Long.parseLong(bootSeconds) * 1000 + Long.parseLong(startTicks) * 1000 / PROC_TICKS_PER_SECOND;
      return Optional.of(new ProcessOwner(pid, startMillis));
    } catch (NumberFormatException notNumbers) {
      return Optional.empty();
    }
  }

  /**
   * The {@code index}-th field (from 1) of the space-separated fields of {@code text} from {@code from};
   * null when there are fewer. Without a regular expression: this runs in every session's start.
   */
  private static String field(String text, int from, int index) {
    int position = from;
    for (int field = 1; ; field++) {
      while (position < text.length() && text.charAt(position) == ' ') {
        position++;
      }
      int end = position;
      while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\n') {
        end++;
      }
      if (end == position) {
        return null;
      }
      if (field == index) {
        return text.substring(position, end);
      }
      position = end;
    }
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
    Matcher matcher = TagPattern.TAG.matcher(tag);
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
   * Written out, not the record's generated one: a generated equals is linked on its first call by
   * a bootstrap that spins classes, ~30 ms of CPU in a fresh JVM, and its first call is the reclaim
   * scan's, which runs while the session starts.
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof ProcessOwner owner && owner.pid == pid && owner.startMillis == startMillis;
  }

  /** Written out with {@link #equals}, for the same reason. */
  @Override
  public int hashCode() {
    return Long.hashCode(pid) * 31 + Long.hashCode(startMillis);
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
