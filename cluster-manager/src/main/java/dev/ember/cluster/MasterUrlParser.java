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
  private static final Pattern LOCAL = Pattern.compile("local\\[([0-9]+|\\*)(?:,([0-9]+))?\\]");
  private static final Pattern LOCAL_CLUSTER =
      Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+[a-zA-Z]*)\\s*\\]");
  // A host name or IPv4 address, or an IPv6 address in brackets; an optional port; nothing after it.
  private static final Pattern STANDALONE =
      Pattern.compile("ember://(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9][A-Za-z0-9.\\-]*)(?::([0-9]{1,5}))?/?");

  private MasterUrlParser() {}

  static MasterUrl parse(String master) {
    Objects.requireNonNull(master, "master is null");
    if (master.equals("local")) {
      return new Local(1, null);
    }
    Matcher local = LOCAL.matcher(master);
    if (local.matches()) {
      int threads = local.group(1).equals("*")
          ? Runtime.getRuntime().availableProcessors()
          : atLeastOne(master, local.group(1), "thread");
      Integer attempts = local.group(2) == null ? null : atLeastOne(master, local.group(2), "task attempt");
      return new Local(threads, attempts);
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
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
    Matcher standalone = STANDALONE.matcher(master);
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
