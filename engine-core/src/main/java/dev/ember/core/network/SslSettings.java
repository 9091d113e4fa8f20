package dev.ember.core.network;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on every Ember connection ({@code ember.ssl.*}, Spark's {@code spark.ssl.*} names): the
 * JDK's provider through Netty's {@link SslHandler}. Both ends present the key store's certificate
 * and trust only the trust store's (mutual TLS), so a peer proves it belongs to the cluster by its
 * certificate as well as by the secret. The stores are read and both contexts built once, when the
 * settings are read, so a bad file or password fails at start with the key that names it.
 *
 * <p>Host names are not verified: the trust store is the cluster's own (not the web's public
 * authorities), and cluster addresses are often bare IPs that change when a node is replaced.
 * Immutable; safe to share between threads.
 */
public final class SslSettings {
  public static final String ENABLED = "ember.ssl.enabled";
  public static final String KEY_STORE = "ember.ssl.keyStore";
  public static final String KEY_STORE_PASSWORD = "ember.ssl.keyStorePassword";
  public static final String TRUST_STORE = "ember.ssl.trustStore";
  public static final String TRUST_STORE_PASSWORD = "ember.ssl.trustStorePassword";
  public static final String PROTOCOL = "ember.ssl.protocol";
  public static final String DEFAULT_PROTOCOL = "TLSv1.3";

  private final Path keyStore;
  private final Path trustStore;
  private final String protocol;
  private final SslContext server;
  private final SslContext client;

  private SslSettings(Path keyStore, Path trustStore, String protocol, SslContext server, SslContext client) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.protocol = protocol;
    this.server = server;
    this.client = client;
  }

  /**
   * The TLS settings of {@code settings}, or null when {@value #ENABLED} is not true.
   *
   * @throws IllegalArgumentException naming the key of a missing or bad value, or the store that
   *     cannot be read (wrong password, not a key store)
   */
  public static SslSettings fromOrNull(Map<String, String> settings) {
    String enabled = settings.getOrDefault(ENABLED, "false").trim().toLowerCase(Locale.ROOT);
    if (!enabled.equals("true") && !enabled.equals("false")) {
      throw new IllegalArgumentException(ENABLED + " must be true or false, got '" + settings.get(ENABLED) + "'");
    }
    if (enabled.equals("false")) {
      return null;
    }
    Path keyStore = existingFile(KEY_STORE, settings.get(KEY_STORE));
    Path trustStore = existingFile(TRUST_STORE, settings.get(TRUST_STORE));
    char[] keyPassword = password(KEY_STORE_PASSWORD, settings.get(KEY_STORE_PASSWORD));
    char[] trustPassword = password(TRUST_STORE_PASSWORD, settings.get(TRUST_STORE_PASSWORD));
    String protocol = settings.getOrDefault(PROTOCOL, DEFAULT_PROTOCOL).trim();
    if (protocol.isEmpty()) {
      throw new IllegalArgumentException(PROTOCOL + " must name a TLS version such as TLSv1.3, got ''");
    }
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(KEY_STORE, keyStore, keyPassword), keyPassword);
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(load(TRUST_STORE, trustStore, trustPassword));
      SslContext server = SslContextBuilder.forServer(keys).trustManager(trust).clientAuth(ClientAuth.REQUIRE)
          .sslProvider(SslProvider.JDK).protocols(protocol).build();
      SslContext client = SslContextBuilder.forClient().keyManager(keys).trustManager(trust)
          .endpointIdentificationAlgorithm(null).sslProvider(SslProvider.JDK).protocols(protocol).build();
      return new SslSettings(keyStore, trustStore, protocol, server, client);
    } catch (SSLException | GeneralSecurityException | IllegalArgumentException unusable) {
      throw new IllegalArgumentException("cannot set up TLS from " + KEY_STORE + "=" + keyStore + ", " + TRUST_STORE
          + "=" + trustStore + ", " + PROTOCOL + "=" + protocol + ": " + unusable.getMessage(), unusable);
    } finally {
      java.util.Arrays.fill(keyPassword, '\0');
      java.util.Arrays.fill(trustPassword, '\0');
    }
  }

  private static Path existingFile(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(ENABLED + " is true but " + key + " is not set: name a PKCS12 or JKS file");
    }
    Path path = Path.of(value.trim());
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(key + " names " + path + ", which is not a readable file");
    }
    return path;
  }

  private static char[] password(String key, String value) {
    if (value == null) {
      throw new IllegalArgumentException(ENABLED + " is true but " + key + " is not set");
    }
    return value.toCharArray();
  }

  private static KeyStore load(String key, Path file, char[] password) {
    try {
      // Detects PKCS12 or JKS from the file itself.
      return KeyStore.getInstance(file.toFile(), password);
    } catch (IOException | GeneralSecurityException unreadable) {
      throw new IllegalArgumentException(key + " " + file + " cannot be read (wrong password or not a key store): "
          + unreadable.getMessage(), unreadable);
    }
  }

  /** A TLS handler for one connection's end; {@code timeout} bounds the TLS handshake. */
  SslHandler newHandler(NetworkPipeline.Side side, ByteBufAllocator allocator, Duration timeout) {
    SslHandler handler = switch (side) {
      case SERVER -> server.newHandler(allocator);
      case CLIENT -> client.newHandler(allocator);
    };
    handler.setHandshakeTimeoutMillis(timeout.toMillis());
    return handler;
  }

  public Path keyStore() {
    return keyStore;
  }

  public Path trustStore() {
    return trustStore;
  }

  public String protocol() {
    return protocol;
  }

  /** Never prints a password. */
  @Override
  public String toString() {
    return "SslSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", protocol=" + protocol + "]";
  }
}
