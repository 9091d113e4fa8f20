package dev.ember.cluster;

import dev.ember.cluster.MasterUrl.Local;
import dev.ember.cluster.MasterUrl.LocalCluster;
import dev.ember.cluster.MasterUrl.Standalone;
import dev.ember.core.text.ByteSizes;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The grammar of {@link MasterUrl#parse}; apart so that its patterns stay private. */
final class MasterUrlParser {
  /**
   * The cluster forms' patterns, compiled when a master is not {@code local[...]}: every session
   * parses its master as it starts, and a local session need not compile (and load) regular
   * expressions for forms it does not use.
   */
  private static final class ClusterPatterns {
    static final Pattern LOCAL_CLUSTER =
        Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+[a-zA-Z]*)\\s*\\]");
    // A host name or IPv4 address, or an IPv6 address in brackets; an optional port; nothing after it.
    static final Pattern STANDALONE =
        Pattern.compile("ember://(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9][A-Za-z0-9.\\-]*)(?::([0-9]{1,5}))?/?");
  }

  private MasterUrlParser() {}

  static MasterUrl parse(String master) {
    Objects.requireNonNull(master, "master is null");
    if (master.equals("local")) {
      return new Local(1, null);
    }
    Local local = parseLocal(master);
    if (local != null) {
      return local;
    }
    Matcher cluster = ClusterPatterns.LOCAL_CLUSTER.matcher(master);
    if (cluster.matches()) {
      int workers = atLeastOne(master, cluster.group(1), "worker");
      int cores = atLeastOne(master, cluster.group(2), "core");
      long memory;
      try {
        memory = ByteSizes.parseMemory("the worker memory of master '" + master + "'", cluster.group(3));
      } catch (IllegalArgumentException badSize) {
        throw new IllegalArgumentException(badSize.getMessage() + "; accepted forms: " + MasterUrl.ACCEPTED_FORMS, badSize);
      }
      return new LocalCluster(workers, cores, memory);
    }
    Matcher standalone = ClusterPatterns.STANDALONE.matcher(master);
    if (standalone.matches()) {
      String host = standalone.group(1);
      if (host.startsWith("[")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = standalone.group(2) == null ? MasterUrl.DEFAULT_PORT : Integer.parseInt(standalone.group(2));
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("master '" + master + "' names port " + port
            + ": a port is between 1 and 65535; accepted forms: " + MasterUrl.ACCEPTED_FORMS);
      }
      return new Standalone(host, port);
    }
    throw new IllegalArgumentException("Could not parse master URL: '" + master + "'. Accepted forms: " + MasterUrl.ACCEPTED_FORMS);
  }

  /**
   * {@code local[N]}, {@code local[*]} or {@code local[N,F]} (F task attempts), or null for another
   * form: the language of {@code local\\[([0-9]+|\\*)(?:,([0-9]+))?\\]}, read by hand (see
   * {@link ClusterPatterns}).
   */
  private static Local parseLocal(String master) {
    if (!master.startsWith("local[") || !master.endsWith("]")) {
      return null;
    }
    String inside = master.substring("local[".length(), master.length() - 1);
    int comma = inside.indexOf(',');
    String threadsText = comma < 0 ? inside : inside.substring(0, comma);
    String attemptsText = comma < 0 ? null : inside.substring(comma + 1);
    if (!(threadsText.equals("*") || isDigits(threadsText)) || (attemptsText != null && !isDigits(attemptsText))) {
      return null;
    }
    int threads = threadsText.equals("*")
        ? Runtime.getRuntime().availableProcessors()
        : atLeastOne(master, threadsText, "thread");
    Integer attempts = attemptsText == null ? null : atLeastOne(master, attemptsText, "task attempt");
    return new Local(threads, attempts);
  }

  /** One or more ASCII digits (what {@code [0-9]+} matches). */
  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int atLeastOne(String master, String digits, String what) {
    // Nine digits always fit an int; more are refused rather than wrapped.
    long count = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (count < 1) {
      throw new IllegalArgumentException("master '" + master + "' asks for " + digits + " " + what
          + "s: need at least 1 " + what + "; accepted forms: " + MasterUrl.ACCEPTED_FORMS);
    }
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("master '" + master + "' asks for too many " + what
          + "s (" + digits + "); accepted forms: " + MasterUrl.ACCEPTED_FORMS);
    }
    return (int) count;
  }
}
