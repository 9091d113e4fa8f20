package dev.ember.shuffle.transport;

import dev.ember.core.network.NetworkSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the block fetcher retries: {@code ember.shuffle.io.maxRetries} (default 3) further attempts
 * after the first, waiting {@code ember.shuffle.io.retryWait} (default 5s, as Spark) times the
 * attempt number between them; each attempt waits at most {@code timeout} for its answer.
 */
public record FetchSettings(int maxRetries, Duration retryWait, Duration timeout) {
  public static final String MAX_RETRIES = "ember.shuffle.io.maxRetries";
  public static final String RETRY_WAIT = "ember.shuffle.io.retryWait";
  public static final int DEFAULT_MAX_RETRIES = 3;
  public static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(5);

  public FetchSettings {
    Objects.requireNonNull(retryWait, "retryWait is null");
    Objects.requireNonNull(timeout, "timeout is null");
    if (maxRetries < 0) {
      throw new IllegalArgumentException(MAX_RETRIES + " must be at least 0, got " + maxRetries);
    }
    if (retryWait.isNegative() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("bad fetch durations: retry wait " + retryWait + ", timeout " + timeout);
    }
  }

  /** From an application's settings; the timeout is {@code ember.network.timeout}. */
  public static FetchSettings from(Map<String, String> settings) {
    String retries = settings.get(MAX_RETRIES);
    int maxRetries;
    try {
      maxRetries = retries == null ? DEFAULT_MAX_RETRIES : Integer.parseInt(retries.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(MAX_RETRIES + " must be an integer, got '" + retries + "'", e);
    }
    Duration retryWait = NetworkSettings.duration(RETRY_WAIT, settings.get(RETRY_WAIT), DEFAULT_RETRY_WAIT);
    return new FetchSettings(maxRetries, retryWait, NetworkSettings.from(settings).timeout());
  }
}
