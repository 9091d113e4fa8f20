package dev.ember.cluster.local;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed local master URL: {@code local} (1 thread), {@code local[N]} (N >= 1), {@code local[*]} (one per core). */
public record LocalMaster(int threads) {
  public static final String ACCEPTED_FORMS = "local, local[N] with N >= 1, local[*]";
  private static final Pattern WITH_THREADS = Pattern.compile("local\\[([0-9]+|\\*)\\]");

  public LocalMaster {
    if (threads < 1) {
      throw new IllegalArgumentException("a local master needs at least 1 thread, got " + threads);
    }
  }

  public static LocalMaster parse(String master) {
    Objects.requireNonNull(master, "master is null");
    if (master.equals("local")) {
      return new LocalMaster(1);
    }
    Matcher matcher = WITH_THREADS.matcher(master);
    if (matcher.matches()) {
      String count = matcher.group(1);
      if (count.equals("*")) {
        return new LocalMaster(Runtime.getRuntime().availableProcessors());
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
      return new LocalMaster(threads);
    }
    if (master.startsWith("local-cluster") || master.startsWith("ember://")) {
      throw new IllegalArgumentException("master '" + master
          + "' is not supported yet: local-cluster[...] and ember://host:port arrive with the standalone cluster;"
          + " use one of: " + ACCEPTED_FORMS);
    }
    throw new IllegalArgumentException("cannot parse master '" + master + "'; accepted forms: " + ACCEPTED_FORMS);
  }
}
