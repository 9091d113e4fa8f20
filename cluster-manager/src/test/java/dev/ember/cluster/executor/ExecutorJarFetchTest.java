package dev.ember.cluster.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.launch.ApplicationJars;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationJarOffered;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.FetchJarChunk;
import dev.ember.cluster.rpc.ControlMessage.JarChunk;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcServer;
import dev.ember.core.network.NetworkSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor fetches the application's jars from its driver (a hand-written fake here) in chunks
 * of whatever size the driver sends, writes them into its work directory and loads from them; a
 * jar whose bytes do not match the offered SHA-256 fails the application class loader, which the
 * executor's tasks wait for, instead of being loaded.
 */
class ExecutorJarFetchTest {
  @TempDir
  Path directory;

  /** A driver that accepts the executor, offers one jar and answers fetches with at most {@code chunkBytes}. */
  private static final class FakeDriver implements Endpoint {
    final byte[] jar;
    final byte[] offeredSha256;
    final int chunkBytes;
    final boolean corrupt;
    final List<FetchJarChunk> fetches = new CopyOnWriteArrayList<>();

    FakeDriver(byte[] jar, int chunkBytes, boolean corrupt) {
      this.jar = jar;
      this.offeredSha256 = ApplicationJars.sha256().digest(jar);
      this.chunkBytes = chunkBytes;
      this.corrupt = corrupt;
    }

    @Override
    public void received(Connection connection, ControlMessage message) {
      switch (message) {
        case RegisterExecutor registration -> {
          connection.send(new ExecutorRegistered(registration.executorId(), 1));
          connection.send(new ApplicationJarOffered(0, "user code.jar", jar.length, offeredSha256));
        }
        case FetchJarChunk fetch -> {
          fetches.add(fetch);
          int from = (int) fetch.offset();
          byte[] bytes = Arrays.copyOfRange(jar, from, Math.min(jar.length, from + Math.min(chunkBytes, fetch.length())));
          if (corrupt && from == 0) {
            bytes[bytes.length - 1] ^= 1;
          }
          connection.send(new JarChunk(fetch.index(), fetch.offset(), bytes));
        }
        case ControlMessage other -> {
          // Heartbeats and the like.
        }
      }
    }
  }

  private static byte[] jarWithResource(String text, int paddingBytes) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream output = new JarOutputStream(bytes)) {
      output.putNextEntry(new JarEntry("greeting.txt"));
      output.write(text.getBytes(StandardCharsets.UTF_8));
      output.closeEntry();
      // Incompressible padding, so the jar spans many chunks.
      byte[] padding = new byte[paddingBytes];
      new Random(11).nextBytes(padding);
      output.putNextEntry(new JarEntry("padding.bin"));
      output.write(padding);
      output.closeEntry();
    }
    return bytes.toByteArray();
  }

  private Executor start(FakeDriver driver, RpcServer server) {
    return Executor.start("jar-test", "127.0.0.1", server.port(), "127.0.0.1", 1,
        Map.of("ember.local.dir", directory.resolve("local").toString(), "ember.executor.memory", "64m"),
        directory.resolve("work"));
  }

  @Test
  void fetchesTheJarInChunksChecksItAndLoadsFromIt() throws Exception {
    byte[] jar = jarWithResource("hello from the driver", 50_000);
    FakeDriver driver = new FakeDriver(jar, 7_000, false);
    try (RpcServer server = RpcServer.start("fake-driver", "127.0.0.1", 0, NetworkSettings.defaults(), driver);
        Executor executor = start(driver, server)) {
      ClassLoader loader = executor.applicationLoader().get(30, TimeUnit.SECONDS);
      assertThat(loader).isInstanceOf(URLClassLoader.class);
      assertThat(loader.getParent()).isSameAs(Executor.class.getClassLoader());
      try (InputStream greeting = loader.getResourceAsStream("greeting.txt")) {
        assertThat(greeting).isNotNull();
        assertThat(new String(greeting.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello from the driver");
      }
      Path fetched = directory.resolve("work/jars/0-user_code.jar");
      assertThat(Files.readAllBytes(fetched)).isEqualTo(jar);
      assertThat(driver.fetches).hasSize((jar.length + 6_999) / 7_000);
      assertThat(driver.fetches).extracting(FetchJarChunk::offset).isSorted();
      try (var files = Files.list(directory.resolve("work/jars"))) {
        assertThat(files.map(path -> path.getFileName().toString()).toList()).containsExactly("0-user_code.jar");
      }
    }
  }

  @Test
  void aJarThatDoesNotMatchItsChecksumIsNotLoaded() throws Exception {
    byte[] jar = jarWithResource("tampered", 10_000);
    FakeDriver driver = new FakeDriver(jar, 4_000, true);
    try (RpcServer server = RpcServer.start("fake-driver", "127.0.0.1", 0, NetworkSettings.defaults(), driver);
        Executor executor = start(driver, server)) {
      assertThatThrownBy(() -> executor.applicationLoader().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().hasMessageContaining("SHA-256").hasMessageContaining("user code.jar");
      assertThat(directory.resolve("work/jars/0-user_code.jar")).doesNotExist();
    }
  }
}
