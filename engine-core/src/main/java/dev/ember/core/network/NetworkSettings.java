package dev.ember.core.network;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What every Ember connection needs to know, read from the session's (or a daemon's) settings.
 *
 * @param maximumFrameBytes the largest frame sent or accepted: {@value #MAX_MESSAGE_SIZE}, a size
 *     where a plain number means MiB (Spark's {@code spark.rpc.message.maxSize}), default 128 MiB
 * @param secretOrNull {@value #AUTHENTICATE_SECRET} as UTF-8 bytes, or null: then no handshake
 * @param timeout {@value #NETWORK_TIMEOUT} (Spark's format: {@code 120s}, {@code 2min}, {@code 500ms};
 *     a plain number means seconds), default 120 s; bounds the handshake
 * @param sslOrNull TLS on every connection ({@code ember.ssl.*}, see {@link SslSettings}), or null: plaintext
 */
public record NetworkSettings(int maximumFrameBytes, byte[] secretOrNull, Duration timeout, SslSettings sslOrNull) {
  public static final String AUTHENTICATE_SECRET = "ember.authenticate.secret";
  public static final String MAX_MESSAGE_SIZE = "ember.rpc.message.maxSize";
  public static final String NETWORK_TIMEOUT = "ember.network.timeout";
  public static final int DEFAULT_MAXIMUM_FRAME_BYTES = 128 << 20;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  public NetworkSettings {
    if (maximumFrameBytes < 1) {
      throw new IllegalArgumentException("the maximum frame size must be positive, got " + maximumFrameBytes);
    }
    if (secretOrNull != null && secretOrNull.length == 0) {
      throw new IllegalArgumentException(AUTHENTICATE_SECRET + " must not be empty when set");
    }
    Objects.requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(NETWORK_TIMEOUT + " must be positive, got " + timeout);
    }
    secretOrNull = secretOrNull == null ? null : secretOrNull.clone();
  }

  /** Plaintext connections. */
  public NetworkSettings(int maximumFrameBytes, byte[] secretOrNull, Duration timeout) {
    this(maximumFrameBytes, secretOrNull, timeout, null);
  }

  /** These settings with TLS ({@code ssl} non-null) or without (null). */
  public NetworkSettings withSsl(SslSettings ssl) {
    return new NetworkSettings(maximumFrameBytes, secretOrNull, timeout, ssl);
  }

  /** Defaults and no secret. */
  public static NetworkSettings defaults() {
    return new NetworkSettings(DEFAULT_MAXIMUM_FRAME_BYTES, null, DEFAULT_TIMEOUT);
  }

  /** @throws IllegalArgumentException naming the key of a bad value */
  public static NetworkSettings from(Map<String, String> settings) {
    String secret = settings.get(AUTHENTICATE_SECRET);
    if (secret != null && secret.isEmpty()) {
      throw new IllegalArgumentException(AUTHENTICATE_SECRET + " must not be empty when set");
    }
    return new NetworkSettings(maximumFrameBytes(settings.get(MAX_MESSAGE_SIZE)),
        secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
        duration(NETWORK_TIMEOUT, settings.get(NETWORK_TIMEOUT), DEFAULT_TIMEOUT), SslSettings.fromOrNull(settings));
  }

  public boolean encrypts() {
    return sslOrNull != null;
  }

  public boolean authenticates() {
    return secretOrNull != null;
  }

  @Override
  public byte[] secretOrNull() {
    return secretOrNull == null ? null : secretOrNull.clone();
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    return "NetworkSettings[maximumFrameBytes=" + maximumFrameBytes + ", authenticates=" + authenticates()
        + ", timeout=" + timeout + ", ssl=" + sslOrNull + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NetworkSettings that && maximumFrameBytes == that.maximumFrameBytes
        && java.util.Arrays.equals(secretOrNull, that.secretOrNull) && timeout.equals(that.timeout)
        && Objects.equals(sslOrNull, that.sslOrNull);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maximumFrameBytes, java.util.Arrays.hashCode(secretOrNull), timeout, sslOrNull);
  }

  private static int maximumFrameBytes(String value) {
    if (value == null) {
      return DEFAULT_MAXIMUM_FRAME_BYTES;
    }
    long bytes = sizeInBytes(value);
    if (bytes < 1 || bytes > Integer.MAX_VALUE - FrameDecoder.LENGTH_BYTES) {
      throw new IllegalArgumentException(MAX_MESSAGE_SIZE + " must be a size from 1b to 2047m, got '" + value + "'");
    }
    return (int) bytes;
  }

  // The network package imports no other Ember package, so it reads sizes itself (same units as ByteSizes).
  private static long sizeInBytes(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    long multiplier = switch (text.substring(end)) {
      case "" , "m", "mb" -> 1L << 20;
      case "b" -> 1L;
      case "k", "kb" -> 1L << 10;
      case "g", "gb" -> 1L << 30;
      default -> -1L;
    };
    if (end == 0 || end > 12 || multiplier < 0) {
      throw new IllegalArgumentException(MAX_MESSAGE_SIZE + " should be a size such as 128m or 64k, got '" + value + "'");
    }
    return Long.parseLong(text.substring(0, end)) * multiplier;
  }

  /** Parses a setting in Spark's time format (for this and other duration keys): a whole number with {@code ms}, {@code s}, {@code min} or {@code h}; plain means seconds. */
  public static Duration duration(String key, String value, Duration otherwise) {
    if (value == null) {
      return otherwise;
    }
    String text = value.trim().toLowerCase(Locale.ROOT);
    int end = 0;
    while (end < text.length() && Character.isDigit(text.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 12) {
      throw new IllegalArgumentException(key + " should be a duration such as 120s, 2min or 500ms, got '" + value + "'");
    }
    long amount = Long.parseLong(text.substring(0, end));
    Duration duration = switch (text.substring(end)) {
      case "ms" -> Duration.ofMillis(amount);
      case "", "s" -> Duration.ofSeconds(amount);
      case "m", "min" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException(
          key + " should be a duration such as 120s, 2min or 500ms, got '" + value + "'");
    };
    if (duration.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got '" + value + "'");
    }
    return duration;
  }
}
