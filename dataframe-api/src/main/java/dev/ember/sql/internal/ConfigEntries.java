package dev.ember.sql.internal;

import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.cluster.launch.DriverAddress;
import dev.ember.cluster.master.Master;
import dev.ember.core.scheduler.SchedulerSettings;
import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SslSettings;
import dev.ember.core.text.ByteSizes;
import dev.ember.core.text.EditDistance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code ember.*} configuration keys: their defaults, which may change while a session runs
 * (the others are read when the session starts), and how their values are checked. An unknown
 * {@code ember.*} key is rejected with the close matches (by edit distance). Spark's names of the
 * settings Ember has ({@link #SPARK_ALIASES}) are the same settings under another name; other
 * {@code spark.*} keys are stored, do nothing, and are named in a warning.
 */
public final class ConfigEntries {
  public static final String SHUFFLE_PARTITIONS = "ember.sql.shuffle.partitions";
  public static final String AUTO_BROADCAST_JOIN_THRESHOLD = "ember.sql.autoBroadcastJoinThreshold";
  public static final String OPTIMIZER_EXCLUDED_RULES = "ember.sql.optimizer.excludedRules";
  /** false runs plans as analyzed: for teaching, and for checking that rewriting keeps results. */
  public static final String OPTIMIZER_ENABLED = "ember.sql.optimizer.enabled";
  /** How many physical plans the session keeps for queries written again (32; 0 turns the cache off). */
  public static final String PLAN_CACHE_MAX_ENTRIES = "ember.sql.planCache.maxEntries";
  public static final String EXECUTOR_MEMORY = "ember.executor.memory";
  public static final String TASK_MAX_FAILURES = "ember.task.maxFailures";
  public static final String LOCAL_DIR = "ember.local.dir";
  public static final String SHUFFLE_COMPRESS = "ember.shuffle.compress";
  /** Map outputs that encode to at most this many bytes stay in memory (no shuffle files); 0 turns it off. */
  public static final String SHUFFLE_IN_MEMORY_OUTPUT_BYTES = "ember.shuffle.inMemoryOutputBytes";
  /** Local mode hands map outputs to reducers by reference (true) or through encoded files (false). */
  public static final String SHUFFLE_IN_PROCESS = "ember.shuffle.inProcess";
  /** Cluster connections: handshake bound and how long a silent worker or executor is trusted (Spark's format, 120s). */
  public static final String NETWORK_TIMEOUT = NetworkSettings.NETWORK_TIMEOUT;
  /** How often workers and executors report; must be below the network timeout (10s). */
  public static final String HEARTBEAT_INTERVAL = DaemonSettings.HEARTBEAT_INTERVAL;
  /** How long running jobs may have no executor at all before they fail (120s). */
  public static final String NO_EXECUTOR_TIMEOUT = SchedulerSettings.NO_EXECUTOR_TIMEOUT;
  /** How often the driver warns that running jobs have no executor (Spark's spark.starvation.timeout, 15s). */
  public static final String STARVATION_TIMEOUT = SchedulerSettings.STARVATION_TIMEOUT;
  /** Abnormal executor exits per application that the master answers with a relaunch (10); local-cluster passes it on. */
  public static final String MAX_EXECUTOR_RETRIES = Master.MAX_EXECUTOR_RETRIES;
  /** The largest control-plane message (a plain number means MiB, 128m). */
  public static final String RPC_MESSAGE_MAX_SIZE = NetworkSettings.MAX_MESSAGE_SIZE;

  /** Every cluster connection proves this secret (HMAC challenge-response); never logged, never on a command line. */
  public static final String AUTHENTICATE_SECRET = NetworkSettings.AUTHENTICATE_SECRET;
  /** TLS on every cluster connection (mutual, the JDK's provider); the stores are PKCS12 or JKS files. */
  public static final String SSL_ENABLED = SslSettings.ENABLED;
  public static final String SSL_KEY_STORE = SslSettings.KEY_STORE;
  public static final String SSL_KEY_STORE_PASSWORD = SslSettings.KEY_STORE_PASSWORD;
  public static final String SSL_TRUST_STORE = SslSettings.TRUST_STORE;
  public static final String SSL_TRUST_STORE_PASSWORD = SslSettings.TRUST_STORE_PASSWORD;
  public static final String SSL_PROTOCOL = SslSettings.PROTOCOL;
  /** The address executors connect back to (127.0.0.1). */
  public static final String DRIVER_HOST = DriverAddress.HOST;
  /** The address the driver listens on (ember.driver.host). */
  public static final String DRIVER_BIND_ADDRESS = DriverAddress.BIND_ADDRESS;
  /** The port the driver listens on (0: any free one). */
  public static final String DRIVER_PORT = DriverAddress.PORT;
  /** The application's jars (comma-separated paths or file: URIs), served by the driver to every executor. */
  public static final String JARS = ApplicationJars.JARS;

  /** Keys whose values are secrets: never logged or shown (see {@link #redacted}). */
  public static final List<String> SENSITIVE_KEYS =
      List.of(AUTHENTICATE_SECRET, SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE_PASSWORD);

  /** Known keys that are unset unless given (no default value): the secrets, the stores, the bind address. */
  public static final List<String> KEYS_WITHOUT_DEFAULT = List.of(AUTHENTICATE_SECRET, SSL_KEY_STORE,
      SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD, DRIVER_BIND_ADDRESS);

  /** Whether the session serves the web UI and REST API (default true). */
  public static final String UI_ENABLED = "ember.ui.enabled";
  /** The web UI's port on 127.0.0.1 (4040; the next free one of the 16 after it when taken; 0 any). */
  public static final String UI_PORT = "ember.ui.port";
  /**
   * Whether jobs longer than half a second draw a progress bar on stderr when it is a terminal:
   * false by default as in Spark (whose shells, as {@code bin/ember sql}, turn it on). Off, a
   * session's start does not ask for the console (in JDK 22 and later that loads the JDK's line
   * editor: 15-25 ms of a fresh JVM here).
   */
  public static final String UI_SHOW_CONSOLE_PROGRESS = "ember.ui.showConsoleProgress";
  /** How many jobs, and stages, the web UI keeps (1000 each, Spark's defaults). */
  public static final String UI_RETAINED_JOBS = "ember.ui.retainedJobs";
  public static final String UI_RETAINED_STAGES = "ember.ui.retainedStages";

  /** Whether the session writes every job event to a JSON-lines log in {@link #EVENT_LOG_DIR} (default false). */
  public static final String EVENT_LOG_ENABLED = "ember.eventLog.enabled";
  /** Where event logs go, one file per application (default {@code /tmp/ember-events}). */
  public static final String EVENT_LOG_DIR = "ember.eventLog.dir";
  /** How often {@code bin/ember history} rescans its event log directory (default 10s); read by the history server. */
  public static final String HISTORY_UPDATE_INTERVAL = "ember.history.fs.update.interval";

  public static final int DEFAULT_PLAN_CACHE_MAX_ENTRIES = 32;
  private static final int MOST_PLAN_CACHE_ENTRIES = 10_000;

  /** Keys the session reads once at start: changing them on a running session has no effect. */
  public static final List<String> STATIC_KEYS =
      List.of(EXECUTOR_MEMORY, TASK_MAX_FAILURES, LOCAL_DIR, SHUFFLE_COMPRESS, SHUFFLE_IN_MEMORY_OUTPUT_BYTES,
          SHUFFLE_IN_PROCESS, PLAN_CACHE_MAX_ENTRIES, NETWORK_TIMEOUT, HEARTBEAT_INTERVAL, NO_EXECUTOR_TIMEOUT, STARVATION_TIMEOUT,
          MAX_EXECUTOR_RETRIES, RPC_MESSAGE_MAX_SIZE, AUTHENTICATE_SECRET, SSL_ENABLED, SSL_KEY_STORE,
          SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD, SSL_PROTOCOL, DRIVER_HOST,
          DRIVER_BIND_ADDRESS, DRIVER_PORT, JARS, UI_ENABLED, UI_PORT, UI_SHOW_CONSOLE_PROGRESS,
          UI_RETAINED_JOBS, UI_RETAINED_STAGES, EVENT_LOG_ENABLED, EVENT_LOG_DIR, HISTORY_UPDATE_INTERVAL);

  public static final List<String> KNOWN_KEYS = List.of(
      SHUFFLE_PARTITIONS, AUTO_BROADCAST_JOIN_THRESHOLD, OPTIMIZER_EXCLUDED_RULES, OPTIMIZER_ENABLED,
      PLAN_CACHE_MAX_ENTRIES, EXECUTOR_MEMORY, TASK_MAX_FAILURES, LOCAL_DIR, SHUFFLE_COMPRESS, SHUFFLE_IN_MEMORY_OUTPUT_BYTES,
      SHUFFLE_IN_PROCESS, NETWORK_TIMEOUT, HEARTBEAT_INTERVAL, NO_EXECUTOR_TIMEOUT, STARVATION_TIMEOUT,
      MAX_EXECUTOR_RETRIES, RPC_MESSAGE_MAX_SIZE, AUTHENTICATE_SECRET, SSL_ENABLED, SSL_KEY_STORE,
      SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE, SSL_TRUST_STORE_PASSWORD, SSL_PROTOCOL, DRIVER_HOST,
      DRIVER_BIND_ADDRESS, DRIVER_PORT, JARS, UI_ENABLED, UI_PORT, UI_SHOW_CONSOLE_PROGRESS,
      UI_RETAINED_JOBS, UI_RETAINED_STAGES, EVENT_LOG_ENABLED, EVENT_LOG_DIR, HISTORY_UPDATE_INTERVAL);

  /**
   * Spark's keys that mean an Ember setting: the one place that maps them (add the cluster and UI
   * keys here as they arrive). {@code spark.driver.memory} is the memory of a local-mode session,
   * whose executor runs in the driver, as in Spark's local mode.
   */
  public static final Map<String, String> SPARK_ALIASES = Map.ofEntries(
      Map.entry("spark.sql.shuffle.partitions", SHUFFLE_PARTITIONS),
      Map.entry("spark.sql.autoBroadcastJoinThreshold", AUTO_BROADCAST_JOIN_THRESHOLD),
      Map.entry("spark.sql.optimizer.excludedRules", OPTIMIZER_EXCLUDED_RULES),
      Map.entry("spark.executor.memory", EXECUTOR_MEMORY),
      Map.entry("spark.driver.memory", EXECUTOR_MEMORY),
      Map.entry("spark.task.maxFailures", TASK_MAX_FAILURES),
      Map.entry("spark.starvation.timeout", STARVATION_TIMEOUT),
      Map.entry("spark.deploy.maxExecutorRetries", MAX_EXECUTOR_RETRIES),
      Map.entry("spark.local.dir", LOCAL_DIR),
      Map.entry("spark.shuffle.compress", SHUFFLE_COMPRESS),
      Map.entry("spark.authenticate.secret", AUTHENTICATE_SECRET),
      Map.entry("spark.ssl.enabled", SSL_ENABLED),
      Map.entry("spark.ssl.keyStore", SSL_KEY_STORE),
      Map.entry("spark.ssl.keyStorePassword", SSL_KEY_STORE_PASSWORD),
      Map.entry("spark.ssl.trustStore", SSL_TRUST_STORE),
      Map.entry("spark.ssl.trustStorePassword", SSL_TRUST_STORE_PASSWORD),
      Map.entry("spark.ssl.protocol", SSL_PROTOCOL),
      Map.entry("spark.driver.host", DRIVER_HOST),
      Map.entry("spark.driver.bindAddress", DRIVER_BIND_ADDRESS),
      Map.entry("spark.driver.port", DRIVER_PORT),
      Map.entry("spark.jars", JARS),
      Map.entry("spark.ui.enabled", UI_ENABLED),
      Map.entry("spark.ui.port", UI_PORT),
      Map.entry("spark.ui.showConsoleProgress", UI_SHOW_CONSOLE_PROGRESS),
      Map.entry("spark.ui.retainedJobs", UI_RETAINED_JOBS),
      Map.entry("spark.ui.retainedStages", UI_RETAINED_STAGES),
      Map.entry("spark.eventLog.enabled", EVENT_LOG_ENABLED),
      Map.entry("spark.eventLog.dir", EVENT_LOG_DIR),
      Map.entry("spark.history.fs.update.interval", HISTORY_UPDATE_INTERVAL));

  private ConfigEntries() {}

  public static boolean isSensitive(String key) {
    return SENSITIVE_KEYS.contains(canonical(key));
  }

  /** {@code value}, or a mask when the key holds a secret: what logs and displays may show. */
  public static String redacted(String key, String value) {
    return isSensitive(key) ? "*********(redacted)" : value;
  }

  /** The key a setting is stored under: the {@code ember.*} key for a Spark alias, else the key itself. */
  public static String canonical(String key) {
    return SPARK_ALIASES.getOrDefault(key, key);
  }

  /** A {@code spark.*} key that Ember has no meaning for (stored, does nothing). */
  public static boolean isIgnoredSparkKey(String key) {
    return key.startsWith("spark.") && !SPARK_ALIASES.containsKey(key);
  }

  /** The warning that lists the {@code spark.*} keys that do nothing, or null when there are none. */
  public static String ignoredSparkKeysWarning(java.util.Collection<String> keys) {
    // A loop, not a stream: this runs on every session's start, almost always finding nothing.
    List<String> ignored = new ArrayList<>();
    for (String key : keys) {
      if (isIgnoredSparkKey(key)) {
        ignored.add(key);
      }
    }
    if (ignored.isEmpty()) {
      return null;
    }
    ignored.sort(null);
    return "Ember ignores these Spark settings (they have no meaning in Ember): " + String.join(", ", ignored)
        + ". Spark settings Ember honors: " + String.join(", ", new java.util.TreeSet<>(SPARK_ALIASES.keySet())) + ".";
  }

  /**
   * What {@code getOrCreate()} warns about when it returns a running session: each static setting
   * the builder asked for with another value than the running session's (they are read at start).
   *
   * @param running the running session's values of the static keys
   * @param requested the builder's settings, under their canonical keys
   */
  public static List<String> staticSettingConflicts(Map<String, String> running, Map<String, String> requested) {
    List<String> conflicts = new ArrayList<>();
    for (Map.Entry<String, String> entry : requested.entrySet()) {
      String key = entry.getKey();
      if (isStatic(key) && !entry.getValue().equals(running.get(key))) {
        conflicts.add(key + "=" + redacted(key, entry.getValue()) + " is ignored: the running session keeps " + key
            + "=" + redacted(key, running.get(key)));
      }
    }
    return conflicts;
  }

  public static boolean isEmberKey(String key) {
    return key.startsWith("ember.");
  }

  public static boolean isKnown(String key) {
    return KNOWN_KEYS.contains(key);
  }

  public static boolean isStatic(String key) {
    return STATIC_KEYS.contains(key);
  }

  /**
   * The defaults; the shuffle partition count is the slot count of the master, the executor memory
   * this JVM's max heap in MiB (Spark's local-mode rule, see {@link UnifiedMemoryManager#defaultExecutorMemory()}).
   */
  public static Map<String, String> defaults(int defaultParallelism) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(SHUFFLE_PARTITIONS, Integer.toString(defaultParallelism));
    defaults.put(AUTO_BROADCAST_JOIN_THRESHOLD, "10485760");
    defaults.put(OPTIMIZER_EXCLUDED_RULES, "");
    defaults.put(OPTIMIZER_ENABLED, "true");
    defaults.put(PLAN_CACHE_MAX_ENTRIES, Integer.toString(DEFAULT_PLAN_CACHE_MAX_ENTRIES));
    defaults.put(EXECUTOR_MEMORY, (UnifiedMemoryManager.defaultExecutorMemory() >> 20) + "m");
    defaults.put(TASK_MAX_FAILURES, "4");
    defaults.put(LOCAL_DIR, System.getProperty("java.io.tmpdir"));
    defaults.put(SHUFFLE_COMPRESS, "true");
    defaults.put(SHUFFLE_IN_MEMORY_OUTPUT_BYTES, "1m");
    defaults.put(SHUFFLE_IN_PROCESS, "true");
    defaults.put(NETWORK_TIMEOUT, "120s");
    defaults.put(HEARTBEAT_INTERVAL, "10s");
    defaults.put(NO_EXECUTOR_TIMEOUT, SchedulerSettings.DEFAULT_NO_EXECUTOR_TIMEOUT.toSeconds() + "s");
    defaults.put(STARVATION_TIMEOUT, SchedulerSettings.DEFAULT_STARVATION_TIMEOUT.toSeconds() + "s");
    defaults.put(MAX_EXECUTOR_RETRIES, Integer.toString(Master.DEFAULT_MAX_EXECUTOR_RETRIES));
    defaults.put(RPC_MESSAGE_MAX_SIZE, "128m");
    defaults.put(SSL_ENABLED, "false");
    defaults.put(SSL_PROTOCOL, SslSettings.DEFAULT_PROTOCOL);
    defaults.put(DRIVER_HOST, DriverAddress.DEFAULT_HOST);
    defaults.put(DRIVER_PORT, "0");
    defaults.put(JARS, "");
    defaults.put(UI_ENABLED, "true");
    defaults.put(UI_PORT, "4040");
    defaults.put(UI_SHOW_CONSOLE_PROGRESS, "false");
    defaults.put(UI_RETAINED_JOBS, "1000");
    defaults.put(UI_RETAINED_STAGES, "1000");
    defaults.put(EVENT_LOG_ENABLED, "false");
    defaults.put(EVENT_LOG_DIR, "/tmp/ember-events");
    defaults.put(HISTORY_UPDATE_INTERVAL, "10s");
    return defaults;
  }

  /**
   * {@link #PLAN_CACHE_MAX_ENTRIES}'s value: 0 (off) to 10,000 plans.
   *
   * @throws IllegalArgumentException naming the key and the value when it is not such a number
   */
  public static int planCacheMaxEntries(String value) {
    try {
      int entries = Integer.parseInt(value.trim());
      if (entries >= 0 && entries <= MOST_PLAN_CACHE_ENTRIES) {
        return entries;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the range
    }
    throw new IllegalArgumentException(PLAN_CACHE_MAX_ENTRIES + " should be a number of plans from 0 (off) to "
        + MOST_PLAN_CACHE_ENTRIES + ", but was '" + value + "'");
  }

  /**
   * Checks a key and its value.
   *
   * @throws IllegalArgumentException for an unknown {@code ember.*} key (listing the close matches)
   *     or a value that does not fit the key
   */
  public static void validate(String key, String value) {
    java.util.Objects.requireNonNull(key, "key is null");
    String canonical = canonical(key);
    if (!canonical.equals(key)) {
      try {
        validate(canonical, value);
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(key + " (Ember's " + canonical + "): " + bad.getMessage(), bad);
      }
      return;
    }
    if (!isEmberKey(key)) {
      return;
    }
    if (!isKnown(key)) {
      throw new IllegalArgumentException(unknownKeyMessage(key));
    }
    if (value == null) {
      throw new IllegalArgumentException("the value of " + key + " is null");
    }
    switch (key) {
      case SHUFFLE_PARTITIONS, TASK_MAX_FAILURES, UI_RETAINED_JOBS, UI_RETAINED_STAGES -> positiveInt(key, value);
      case UI_PORT -> port(key, value);
      case PLAN_CACHE_MAX_ENTRIES -> planCacheMaxEntries(value);
      case AUTO_BROADCAST_JOIN_THRESHOLD -> byteSize(key, value, true);
      case EXECUTOR_MEMORY -> byteSize(key, value, false);
      case SHUFFLE_IN_MEMORY_OUTPUT_BYTES -> {
        long bytes = ByteSizes.parse(key, value, 1L);
        if (bytes < 0 || bytes > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(key + " should be a size from 0 (off) to 2g, such as 1m, but was '" + value + "'");
        }
      }
      case SHUFFLE_COMPRESS, OPTIMIZER_ENABLED, UI_ENABLED, UI_SHOW_CONSOLE_PROGRESS, EVENT_LOG_ENABLED -> {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new IllegalArgumentException(key + " should be boolean (true or false), but was '" + value + "'");
        }
      }
      case NETWORK_TIMEOUT, RPC_MESSAGE_MAX_SIZE -> NetworkSettings.from(Map.of(key, value));
      case HEARTBEAT_INTERVAL, NO_EXECUTOR_TIMEOUT, STARVATION_TIMEOUT, HISTORY_UPDATE_INTERVAL ->
          NetworkSettings.duration(key, value, NetworkSettings.DEFAULT_TIMEOUT);
      case MAX_EXECUTOR_RETRIES -> Master.maxExecutorRetries(Map.of(key, value));
      case AUTHENTICATE_SECRET -> {
        if (value.isEmpty()) {
          throw new IllegalArgumentException(key + " must not be empty when set");
        }
      }
      case SSL_ENABLED -> {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new IllegalArgumentException(key + " should be boolean (true or false), but was '" + value + "'");
        }
      }
      case SSL_KEY_STORE, SSL_TRUST_STORE, SSL_PROTOCOL, DRIVER_HOST, DRIVER_BIND_ADDRESS -> {
        if (value.isBlank()) {
          throw new IllegalArgumentException(key + " must not be blank");
        }
      }
      case DRIVER_PORT -> DriverAddress.port(value);
      case SSL_KEY_STORE_PASSWORD, SSL_TRUST_STORE_PASSWORD -> {
        // Any password; the stores are opened (and a wrong one reported) when the session starts.
      }
      case LOCAL_DIR, EVENT_LOG_DIR -> {
        if (value.isBlank()) {
          throw new IllegalArgumentException(key + " must name a directory, but was empty");
        }
      }
      default -> {
        // ember.sql.optimizer.excludedRules: any comma-separated list of rule names
      }
    }
  }

  static String unknownKeyMessage(String key) {
    List<String> matches = closeMatches(key);
    String suggestion = matches.isEmpty()
        ? "There is no close match."
        : "Did you mean " + String.join(", ", matches) + "?";
    return "Unknown configuration key '" + key + "'. " + suggestion + " Known ember.* keys: "
        + String.join(", ", KNOWN_KEYS) + ".";
  }

  /** Known keys within a small edit distance of {@code key} (case-insensitive), closest first. */
  static List<String> closeMatches(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    record Match(String key, int distance) {}
    List<Match> matches = new ArrayList<>();
    for (String known : KNOWN_KEYS) {
      int distance = EditDistance.between(lower, known.toLowerCase(Locale.ROOT));
      int allowed = Math.max(3, known.length() / 3);
      if (distance <= allowed) {
        matches.add(new Match(known, distance));
      }
    }
    matches.sort(Comparator.comparingInt(Match::distance).thenComparing(Match::key));
    return matches.stream().map(Match::key).toList();
  }


  /** A TCP port, 0 (any free port) to 65535. */
  public static int port(String key, String value) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(key + " should be a port number (0 to 65535), but was '" + value + "'");
    }
    if (parsed < 0 || parsed > 65535) {
      throw new IllegalArgumentException(key + " should be a port number (0 to 65535), but was " + parsed);
    }
    return parsed;
  }

  public static int positiveInt(String key, String value) {
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(key + " should be int, but was '" + value + "'");
    }
    if (parsed < 1) {
      throw new IllegalArgumentException(key + " must be positive, but was " + parsed);
    }
    return parsed;
  }

  /**
   * Bytes from {@code 10485760}, {@code 10m}, {@code 10MB}, {@code 1g}...; -1 is allowed where it
   * means "off" (the broadcast threshold). Without a unit: bytes for thresholds, MiB for memory.
   */
  public static long byteSize(String key, String value, boolean plainMeansBytes) {
    long parsed = ByteSizes.parse(key, value, plainMeansBytes ? 1L : 1L << 20);
    if (parsed < 0 && !(plainMeansBytes && parsed == -1)) {
      throw new IllegalArgumentException(
          key + " should be a size such as 10485760, 10m, 512k or 1g" + (plainMeansBytes ? " (-1 turns it off)" : "")
              + ", but was '" + value + "'");
    }
    return parsed;
  }
}
