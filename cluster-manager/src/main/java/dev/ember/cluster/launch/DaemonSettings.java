package dev.ember.cluster.launch;

import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SslSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Settings of the daemons (master, worker, executor): {@code ember.*} system properties
 * ({@code -Dember.network.timeout=60s}), and the secrets from environment variables
 * ({@link #SENSITIVE_ENVIRONMENT}: the authentication secret and the TLS store passwords), never
 * the command line (which {@code ps} shows). Whoever starts a daemon passes settings with
 * {@link #systemPropertyOptions} and {@link #sensitiveEnvironment}, which split them that way.
 */
public final class DaemonSettings {
  /** How often workers report to the master (Spark's {@code spark.executor.heartbeatInterval} name). */
  public static final String HEARTBEAT_INTERVAL = "ember.executor.heartbeatInterval";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  /** Each secret setting and the environment variable that carries it to a daemon. */
  public static final Map<String, String> SENSITIVE_ENVIRONMENT = Map.of(
      NetworkSettings.AUTHENTICATE_SECRET, ProcessExecutorLauncher.SECRET_ENVIRONMENT,
      SslSettings.KEY_STORE_PASSWORD, "EMBER_SSL_KEYSTORE_PASSWORD",
      SslSettings.TRUST_STORE_PASSWORD, "EMBER_SSL_TRUSTSTORE_PASSWORD");

  private DaemonSettings() {}

  /** {@code -Dkey=value} for each {@code ember.*} setting that is not a secret. */
  public static List<String> systemPropertyOptions(Map<String, String> settings) {
    List<String> options = new ArrayList<>();
    new TreeMap<>(settings).forEach((key, value) -> {
      if (key.startsWith("ember.") && !SENSITIVE_ENVIRONMENT.containsKey(key)) {
        options.add("-D" + key + "=" + value);
      }
    });
    return options;
  }

  /** The environment variables that carry the secret settings among {@code settings}. */
  public static Map<String, String> sensitiveEnvironment(Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>();
    SENSITIVE_ENVIRONMENT.forEach((key, variable) -> {
      String value = settings.get(key);
      if (value != null && !value.isEmpty()) {
        environment.put(variable, value);
      }
    });
    return environment;
  }

  /** The {@code ember.*} system properties plus the secrets from the environment. */
  public static Map<String, String> fromEnvironment() {
    Map<String, String> settings = new HashMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ember.")) {
        settings.put(key, System.getProperty(key));
      }
    }
    SENSITIVE_ENVIRONMENT.forEach((key, variable) -> {
      String value = System.getenv(variable);
      if (value != null && !value.isEmpty()) {
        settings.put(key, value);
      }
    });
    return settings;
  }

  /**
   * With {@code --parent-pid P} (local-cluster passes its driver's): runs {@code stop} when process
   * P ends, even by SIGKILL, so a local cluster never outlives its driver.
   */
  public static void stopWithParent(String parentProcessId, Runnable stop) {
    if (parentProcessId == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(parentProcessId.trim());
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException("--parent-pid needs a process id, got '" + parentProcessId + "'", notNumber);
    }
    ProcessHandle.of(pid).ifPresentOrElse(parent -> parent.onExit().thenRun(stop), stop);
  }

  public static NetworkSettings network() {
    return NetworkSettings.from(fromEnvironment());
  }

  /**
   * {@value #HEARTBEAT_INTERVAL} (default 10 s, Spark's format), which must be shorter than
   * {@code ember.network.timeout}, or a healthy worker would be dropped between two heartbeats.
   */
  public static Duration heartbeatInterval(Map<String, String> settings) {
    Duration interval = NetworkSettings.duration(HEARTBEAT_INTERVAL, settings.get(HEARTBEAT_INTERVAL),
        DEFAULT_HEARTBEAT_INTERVAL);
    Duration timeout = NetworkSettings.from(settings).timeout();
    if (interval.compareTo(timeout) >= 0) {
      throw new IllegalArgumentException(HEARTBEAT_INTERVAL + " (" + interval.toMillis() + " ms) must be shorter than "
          + NetworkSettings.NETWORK_TIMEOUT + " (" + timeout.toMillis() + " ms)");
    }
    return interval;
  }
}
