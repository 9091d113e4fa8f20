package dev.ember.core.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key pair in a PKCS12 key store and its certificate alone in a trust store, made
 * with the running JDK's {@code keytool} (the JDK has no public API that signs a certificate).
 * Tests of every module use it through the engine-core test jar.
 *
 * @param keyStore the key and its certificate
 * @param trustStore the certificate only
 * @param password the password of both stores
 */
public record SelfSignedKeyStores(Path keyStore, Path trustStore, String password) {
  /** Writes a fresh pair of stores into {@code directory} (files named after {@code name}). */
  public static SelfSignedKeyStores create(Path directory, String name) {
    String password = "changeit-" + name;
    Path keyStore = directory.resolve(name + "-keystore.p12");
    Path certificate = directory.resolve(name + ".cer");
    Path trustStore = directory.resolve(name + "-truststore.p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=ember-" + name,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password,
        "-keypass", password);
    keytool("-exportcert", "-alias", name, "-keystore", keyStore.toString(), "-storepass", password,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-storetype", "PKCS12",
        "-keystore", trustStore.toString(), "-storepass", password);
    return new SelfSignedKeyStores(keyStore, trustStore, password);
  }

  /** The {@code ember.ssl.*} settings that use these stores. */
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put(SslSettings.ENABLED, "true");
    settings.put(SslSettings.KEY_STORE, keyStore.toString());
    settings.put(SslSettings.KEY_STORE_PASSWORD, password);
    settings.put(SslSettings.TRUST_STORE, trustStore.toString());
    settings.put(SslSettings.TRUST_STORE_PASSWORD, password);
    return settings;
  }

  public SslSettings sslSettings() {
    return SslSettings.fromOrNull(settings());
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
      }
    } catch (IOException failed) {
      throw new IllegalStateException("cannot run keytool", failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running keytool", interrupted);
    }
  }

  /** Creates stores in a new temporary directory (deleted with the JVM's temp files by the caller). */
  public static SelfSignedKeyStores createTemporary(String name) {
    try {
      return create(Files.createTempDirectory("ember-tls-"), name);
    } catch (IOException unwritable) {
      throw new IllegalStateException("cannot create a directory for key stores", unwritable);
    }
  }
}
