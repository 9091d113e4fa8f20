package dev.ember.cluster.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The application's jars, {@value #JARS} (Spark's {@code spark.jars}): comma-separated local paths
 * or {@code file:} URIs, checked when the session starts (a missing or unreadable jar fails there,
 * naming it), with the size and SHA-256 that executors verify after fetching them from the driver
 * (no shared file system is needed). Both modes load user code through {@link #classLoader}: local
 * mode's task threads and each executor's task threads use it as their context class loader, so a
 * UDF's class is found the same way everywhere. Immutable.
 */
public final class ApplicationJars {
  public static final String JARS = "ember.jars";
  private static final ApplicationJars NONE = new ApplicationJars(List.of());

  private final List<Jar> jars;

  /**
   * One jar.
   *
   * @param name the file name executors store it under (unique within the application)
   */
  public record Jar(String name, Path path, long size, byte[] sha256) {
    public Jar {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(path, "path is null");
      sha256 = Objects.requireNonNull(sha256, "sha256 is null").clone();
    }

    @Override
    public byte[] sha256() {
      return sha256.clone();
    }

    /** Whether {@code digest} is this jar's SHA-256. */
    public boolean matches(byte[] digest) {
      return MessageDigest.isEqual(sha256, digest);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Jar that && name.equals(that.name) && path.equals(that.path) && size == that.size
          && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, path, size, Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
      return name + " (" + path + ", " + size + " bytes, sha256 " + HexFormat.of().formatHex(sha256) + ")";
    }
  }

  private ApplicationJars(List<Jar> jars) {
    this.jars = List.copyOf(jars);
  }

  public static ApplicationJars none() {
    return NONE;
  }

  /**
   * The jars of {@value #JARS} in {@code settings}, read once for their size and checksum.
   *
   * @throws IllegalArgumentException naming an entry that is not a readable regular file (or not a
   *     local path or {@code file:} URI)
   */
  public static ApplicationJars from(Map<String, String> settings) {
    String value = settings.get(JARS);
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Jar> jars = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Path> seen = new HashSet<>();
    for (String entry : value.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      Path path = toPath(trimmed);
      if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
        throw new IllegalArgumentException(JARS + " names " + trimmed + ", which is not a readable file"
            + (Files.isDirectory(path) ? " (it is a directory: list the jars themselves)" : "") + " on the driver");
      }
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException unreadable) {
        throw new IllegalArgumentException(JARS + " names " + trimmed + ", which cannot be read: " + unreadable,
            unreadable);
      }
      if (!seen.add(real)) {
        continue;
      }
      String name = real.getFileName().toString();
      // Two jars of one name from different directories both travel: the later gets its position as a prefix.
      String unique = names.add(name) ? name : jars.size() + "-" + name;
      names.add(unique);
      jars.add(read(trimmed, real, unique));
    }
    return new ApplicationJars(jars);
  }

  private static Path toPath(String entry) {
    if (!entry.regionMatches(true, 0, "file:", 0, 5) && entry.matches("(?i)[a-z][a-z0-9+.-]+://.*")) {
      throw new IllegalArgumentException(JARS + " takes local paths or file: URIs (the driver serves the jars to"
          + " executors), not " + entry);
    }
    try {
      return entry.regionMatches(true, 0, "file:", 0, 5) ? Path.of(new URI(entry)) : Path.of(entry);
    } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException bad) {
      throw new IllegalArgumentException(JARS + " names " + entry + ", which is not a local path or file: URI: "
          + bad.getMessage(), bad);
    }
  }

  private static Jar read(String entry, Path path, String name) {
    MessageDigest digest = sha256();
    long size = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream input = Files.newInputStream(path)) {
      for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
        digest.update(buffer, 0, read);
        size += read;
      }
    } catch (IOException unreadable) {
      throw new IllegalArgumentException(JARS + " names " + entry + ", which cannot be read: " + unreadable,
          unreadable);
    }
    return new Jar(name, path, size, digest.digest());
  }

  /** A new SHA-256 digest (every JDK has it). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("the JDK has no SHA-256", impossible);
    }
  }

  public List<Jar> jars() {
    return jars;
  }

  public boolean isEmpty() {
    return jars.isEmpty();
  }

  /**
   * A class loader over these jars (the driver's files; on an executor, the fetched copies in
   * {@code fetched}, same order) whose parent is {@code parent}, or {@code parent} itself when there
   * is no jar. Classes of the engine and the JDK come from the parent first, as in Spark.
   */
  public static ClassLoader classLoader(List<Path> files, ClassLoader parent) {
    if (files.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[files.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = files.get(i).toUri().toURL();
      } catch (MalformedURLException impossible) {
        throw new UncheckedIOException(new IOException("not a URL: " + files.get(i), impossible));
      }
    }
    return new URLClassLoader("ember-application", urls, parent);
  }

  /** The driver's own files of these jars, in order. */
  public List<Path> paths() {
    // A loop, not a stream: every session's start asks, usually of no jars.
    List<Path> paths = new ArrayList<>(jars.size());
    for (Jar jar : jars) {
      paths.add(jar.path());
    }
    return List.copyOf(paths);
  }

  /** Closes {@code loader} when it is one {@link #classLoader} made (it holds the jars open). */
  public static void close(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && "ember-application".equals(urls.getName())) {
      try {
        urls.close();
      } catch (IOException ignored) {
        // Only open jar files to let go of; the process or session is ending.
      }
    }
  }

  @Override
  public String toString() {
    return jars.isEmpty() ? "no application jars" : jars.toString();
  }

  /** Lower-case hex of a digest, for messages. */
  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest).toLowerCase(Locale.ROOT);
  }
}
