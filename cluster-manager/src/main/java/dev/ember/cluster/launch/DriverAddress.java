package dev.ember.cluster.launch;

import java.util.Map;
import java.util.Objects;

/**
 * Where the driver listens for its executors, and the address it tells them (Spark's
 * {@code spark.driver.*} names). Executors find the driver by this address only. The default is
 * loopback: a driver that joins a master on another host must set {@value #HOST} to an address
 * the workers' hosts can reach.
 *
 * @param host the address executors connect to ({@value #HOST}, default {@value #DEFAULT_HOST})
 * @param bindAddress the local address the driver listens on ({@value #BIND_ADDRESS}, default the host;
 *     {@code 0.0.0.0} listens on every interface, for a driver behind NAT or in a container)
 * @param port the port ({@value #PORT}, default 0: any free one)
 */
public record DriverAddress(String host, String bindAddress, int port) {
  public static final String HOST = "ember.driver.host";
  public static final String BIND_ADDRESS = "ember.driver.bindAddress";
  public static final String PORT = "ember.driver.port";
  public static final String DEFAULT_HOST = "127.0.0.1";

  public DriverAddress {
    Objects.requireNonNull(host, "host is null");
    Objects.requireNonNull(bindAddress, "bindAddress is null");
    if (host.isBlank() || bindAddress.isBlank()) {
      throw new IllegalArgumentException(HOST + " and " + BIND_ADDRESS + " must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(PORT + " must be 0 (any free port) to 65535, got " + port);
    }
  }

  /** Loopback, any free port. */
  public static DriverAddress loopback() {
    return new DriverAddress(DEFAULT_HOST, DEFAULT_HOST, 0);
  }

  /** @throws IllegalArgumentException naming the key of a bad value */
  public static DriverAddress from(Map<String, String> settings) {
    String host = settings.getOrDefault(HOST, DEFAULT_HOST).trim();
    String bindAddress = settings.getOrDefault(BIND_ADDRESS, host).trim();
    String port = settings.get(PORT);
    return new DriverAddress(host, bindAddress, port == null ? 0 : port(port));
  }

  /** Parses {@value #PORT}. */
  public static int port(String value) {
    int port;
    try {
      port = Integer.parseInt(value.trim());
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException(PORT + " should be a port number (0 for any free one), but was '" + value
          + "'", notNumber);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(PORT + " must be 0 (any free port) to 65535, but was " + port);
    }
    return port;
  }
}
