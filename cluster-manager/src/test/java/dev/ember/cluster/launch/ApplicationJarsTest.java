package dev.ember.cluster.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ember.jars} read on the driver: paths and file: URIs, sizes and SHA-256 by the JDK's digest, clear refusals. */
class ApplicationJarsTest {
  @TempDir
  Path directory;

  private Path file(String relative, byte[] bytes) throws IOException {
    Path path = directory.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.write(path, bytes);
    return path;
  }

  @Test
  void readsPathsAndFileUrisWithTheirSizeAndChecksumAndKeepsNamesApart() throws Exception {
    byte[] first = new byte[200_003];
    new Random(5).nextBytes(first);
    Path one = file("a/lib.jar", first);
    Path two = file("b/lib.jar", "second".getBytes(StandardCharsets.UTF_8));
    Path three = file("c/other.jar", new byte[0]);
    ApplicationJars jars = ApplicationJars.from(Map.of(ApplicationJars.JARS,
        one + " , " + two.toUri() + ",," + three + "," + one));
    assertThat(jars.jars()).hasSize(3);
    assertThat(jars.jars()).extracting(ApplicationJars.Jar::name).containsExactly("lib.jar", "1-lib.jar", "other.jar");
    assertThat(jars.jars()).extracting(ApplicationJars.Jar::size).containsExactly(200_003L, 6L, 0L);
    assertThat(jars.jars().get(0).matches(MessageDigest.getInstance("SHA-256").digest(first))).isTrue();
    assertThat(jars.jars().get(1).matches(MessageDigest.getInstance("SHA-256").digest(first))).isFalse();
    assertThat(ApplicationJars.from(Map.of()).isEmpty()).isTrue();
    assertThat(ApplicationJars.from(Map.of(ApplicationJars.JARS, " ")).isEmpty()).isTrue();
  }

  @Test
  void aMissingFileADirectoryOrARemoteUrlFailsNamingIt() {
    Path missing = directory.resolve("nowhere.jar");
    assertThatThrownBy(() -> ApplicationJars.from(Map.of(ApplicationJars.JARS, missing.toString())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.jars")
        .hasMessageContaining(missing.toString()).hasMessageContaining("not a readable file");
    assertThatThrownBy(() -> ApplicationJars.from(Map.of(ApplicationJars.JARS, directory.toString())))
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> ApplicationJars.from(Map.of(ApplicationJars.JARS, "https://example.org/a.jar")))
        .hasMessageContaining("local paths or file: URIs").hasMessageContaining("https://example.org/a.jar");
  }

  @Test
  void theClassLoaderIsTheParentWithoutJarsAndAnApplicationLoaderOverThemOtherwise() throws Exception {
    ClassLoader parent = getClass().getClassLoader();
    assertThat(ApplicationJars.classLoader(java.util.List.of(), parent)).isSameAs(parent);
    Path jar = file("x.jar", new byte[] {1, 2, 3});
    ClassLoader loader = ApplicationJars.classLoader(java.util.List.of(jar), parent);
    assertThat(loader).isInstanceOf(URLClassLoader.class).isNotSameAs(parent);
    assertThat(loader.getParent()).isSameAs(parent);
    assertThat(loader.getName()).isEqualTo("ember-application");
    ApplicationJars.close(loader);
    ApplicationJars.close(parent);
  }
}
