package dev.ember.cluster;

import java.util.Objects;

/**
 * A parsed master URL: the one parser behind {@code EmberSession.Builder.master(...)} and the
 * execution backends. The forms follow Spark's ({@code spark://} becomes {@code ember://}):
 * <ul>
 *   <li>{@code local}: one thread; {@code local[N]}: N threads; {@code local[*]}: one thread per core;
 *   <li>{@code local[N,F]} / {@code local[*,F]}: as above, each task gets F attempts;
 *   <li>{@code local-cluster[W,C,M]}: W worker processes on loopback with C cores and M memory each
 *       (M is a size such as {@code 1g}; a plain number means MiB, as Spark's);
 *   <li>{@code ember://host:port}: a standalone master; the port defaults to {@value #DEFAULT_PORT}.
 * </ul>
 */
public sealed interface MasterUrl permits MasterUrl.Local, MasterUrl.LocalCluster, MasterUrl.Standalone {
  int DEFAULT_PORT = 7077;

  String ACCEPTED_FORMS = "local (1 thread), local[N] (N threads), local[*] (one thread per core),"
      + " local[N,F] (N threads, F attempts per task), local-cluster[W,C,M] (W worker processes with C cores"
      + " and M memory each, e.g. local-cluster[2,1,1g]), ember://host:port (a standalone master, port "
      + DEFAULT_PORT + " by default)";

  /**
   * Executors are threads of this process.
   *
   * @param threads task slots, at least 1
   * @param attemptsOrNull attempts per task from {@code local[N,F]}, or null when the URL does not say
   */
  record Local(int threads, Integer attemptsOrNull) implements MasterUrl {
    public Local {
      if (threads < 1) {
        throw new IllegalArgumentException("a local master needs at least 1 thread, got " + threads);
      }
      if (attemptsOrNull != null && attemptsOrNull < 1) {
        throw new IllegalArgumentException("a local master needs at least 1 task attempt, got " + attemptsOrNull);
      }
    }

    /** Spark's rule: {@code local[N]} makes one attempt per task, {@code local[N,F]} makes F. */
    public int taskAttempts() {
      return attemptsOrNull == null ? 1 : attemptsOrNull;
    }
  }

  /** A master and {@code workers} worker processes on loopback, started and stopped by the driver. */
  record LocalCluster(int workers, int coresPerWorker, long memoryPerWorker) implements MasterUrl {
    public LocalCluster {
      if (workers < 1 || coresPerWorker < 1 || memoryPerWorker < 1) {
        throw new IllegalArgumentException("a local cluster needs at least 1 worker with 1 core and some memory, got "
            + workers + " workers, " + coresPerWorker + " cores, " + memoryPerWorker + " bytes");
      }
    }
  }

  /** A standalone master that runs elsewhere. */
  record Standalone(String host, int port) implements MasterUrl {
    public Standalone {
      Objects.requireNonNull(host, "host is null");
      if (host.isBlank()) {
        throw new IllegalArgumentException("a standalone master needs a host");
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("a port is between 1 and 65535, got " + port);
      }
    }

    /** The URL again, for example {@code ember://10.0.0.5:7077}. */
    public String url() {
      return "ember://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /**
   * Parses a master URL exactly (no trimming, lower case scheme as Spark's).
   *
   * @throws IllegalArgumentException for anything else, listing {@link #ACCEPTED_FORMS}
   */
  static MasterUrl parse(String master) {
    return MasterUrlParser.parse(master);
  }
}
