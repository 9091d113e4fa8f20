package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.udf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.FetchJarChunk;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.core.network.NetworkSettings;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberException;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.UserDefinedFunction;
import dev.ember.sql.api.java.UDF2;
import dev.ember.sql.types.DataTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * User code reaches executors only through {@code ember.jars}: a class compiled here into a jar in
 * a temporary directory, on no class path (neither this JVM's nor the executors'), is loaded by the
 * test through its own class loader and gives a UDF. On {@code local-cluster[2,1,1g]} with the jar
 * in {@code ember.jars} (and an authentication secret) the query's answer equals the same lambda
 * applied in plain Java; without it the job fails naming the missing class, so the executors did
 * load it from the jar the driver served. A peer without the secret, and one with it that is no
 * registered executor, cannot read the jar from the driver. One cluster per configuration (the
 * assertions on the cluster with the jar share its test).
 */
@Tag("integration")
class UserCodeOnClusterIntegrationTest {
  private static final String SECRET = "user-code-secret-41c9";
  private static final String CLASS_NAME = "userudf.Scoring";
  private static final int ROWS = 6_000;

  @TempDir
  static Path directory;
  private static Path jar;
  private static URLClassLoader userLoader;
  private static UDF2<Long, String, String> scorer;

  @BeforeAll
  static void compileTheUserJar() throws Exception {
    jar = compileUserJar(directory);
    userLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        UserCodeOnClusterIntegrationTest.class.getClassLoader());
    scorer = loadScorer(userLoader, 7);
  }

  @AfterAll
  static void closeTheUserLoader() throws IOException {
    userLoader.close();
  }

  /** {@code userudf.Scoring.scorer(salt)}: a UDF2 lambda that captures an int. */
  private static Path compileUserJar(Path root) throws IOException {
    Path sources = Files.createDirectories(root.resolve("src/userudf"));
    Path source = sources.resolve("Scoring.java");
    Files.writeString(source, """
        package userudf;

        import dev.ember.sql.api.java.UDF2;

        public final class Scoring {
          private Scoring() {}

          public static UDF2<Long, String, String> scorer(int salt) {
            return (id, text) -> id == null ? null
                : "s" + (id * 31 + salt) % 1000 + ":" + (text == null ? "-" : Integer.toString(text.length()));
          }
        }
        """, StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(root.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    String apiClasses = Path.of(toUri(UDF2.class.getProtectionDomain().getCodeSource().getLocation())).toString();
    int status = compiler.run(null, null, null, "--release", "21", "-classpath", apiClasses, "-d", classes.toString(),
        source.toString());
    assertThat(status).as("javac of the user class").isZero();
    Path jarFile = root.resolve("user-udfs.jar");
    try (OutputStream file = Files.newOutputStream(jarFile); JarOutputStream output = new JarOutputStream(file);
        Stream<Path> compiled = Files.walk(classes)) {
      for (Path path : compiled.filter(Files::isRegularFile).sorted().toList()) {
        output.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        output.write(Files.readAllBytes(path));
        output.closeEntry();
      }
    }
    return jarFile;
  }

  private static java.net.URI toUri(URL url) {
    try {
      return url.toURI();
    } catch (java.net.URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @SuppressWarnings("unchecked")
  private static UDF2<Long, String, String> loadScorer(ClassLoader loader, int salt) throws Exception {
    Class<?> scoring = Class.forName(CLASS_NAME, true, loader);
    assertThat(scoring.getClassLoader()).isSameAs(loader);
    return (UDF2<Long, String, String>) scoring.getMethod("scorer", int.class).invoke(null, salt);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Ids with a text column that is null on every seventh row. */
  private static DataFrame input(EmberSession on) {
    DataFrame ids = on.range(0, ROWS).repartition(6);
    return ids.select(col("id"), dev.ember.sql.functions.when(col("id").mod(7).equalTo(0), lit(null))
        .otherwise(concat(lit("t"), col("id").mod(13).cast("string"))).as("text"));
  }

  private static List<Row> expected() throws Exception {
    List<Row> rows = new ArrayList<>();
    for (long id = 0; id < ROWS; id++) {
      String text = id % 7 == 0 ? null : "t" + id % 13;
      rows.add(RowFactory.create(id, scorer.call(id, text)));
    }
    return rows;
  }

  @Test
  void theUserClassIsOnNoClassPathButTheClusterRunsItFromTheServedJarWhichOnlyRegisteredExecutorsMayRead()
      throws Exception {
    assertThatThrownBy(() -> Class.forName(CLASS_NAME, false, ClassLoader.getSystemClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
    assertThat(System.getProperty("java.class.path")).doesNotContain(directory.toString());
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    int driverPort = freePort();
    try (EmberSession session = EmberSession.builder().master("local-cluster[2,1,1g]")
        .config("ember.jars", jar.toUri().toString())
        .config("ember.authenticate.secret", SECRET)
        .config("ember.driver.port", Integer.toString(driverPort))
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s")
        .config("ember.sql.shuffle.partitions", "4").config("ember.ui.enabled", "false")
        .getOrCreate()) {
      if (ClusterProcesses.canListPorts()) {
        // No process of the cluster has the jar on its class path (nor is told where it is).
        assertThat(ClusterProcesses.commandLines()).isNotEmpty()
            .allSatisfy(commandLine -> assertThat(commandLine).doesNotContain(directory.toString()));
      }
      UserDefinedFunction score = udf(scorer, DataTypes.StringType);
      List<Row> actual = input(session).select(col("id"), score.apply(col("id"), col("text"))).collectAsList();
      IntegrationSupport.assertSameRows(actual, expected());

      session.udf().register("score", scorer, DataTypes.StringType);
      input(session).createOrReplaceTempView("input");
      List<Row> bySql = session.sql("SELECT id, score(id, text) FROM input").collectAsList();
      IntegrationSupport.assertSameRows(bySql, expected());

      assertPeersCannotReadTheJar(driverPort);
      // The driver keeps serving its executors.
      IntegrationSupport.assertSameRows(
          input(session).select(col("id"), score.apply(col("id"), col("text"))).collectAsList(), expected());
    }
  }

  @Test
  void withoutEmberJarsTheExecutorsCannotLoadTheUdfAndTheJobNamesTheMissingClass() {
    UserDefinedFunction score = udf(scorer, DataTypes.StringType);
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession withoutJars = EmberSession.builder().master("local-cluster[1,1,1g]")
        .config("ember.network.timeout", "60s").config("ember.executor.heartbeatInterval", "1s")
        .config("ember.ui.enabled", "false").getOrCreate()) {
      assertThatThrownBy(() -> input(withoutJars).select(score.apply(col("id"), col("text"))).collectAsList())
          .isInstanceOfSatisfying(EmberException.class, failure -> {
            assertThat(failure.getMessage()).contains(CLASS_NAME, "ember.jars");
            assertThat(failure.rootCauseClassName()).isEqualTo(ClassNotFoundException.class.getName());
          });
    }
  }

  @Test
  void inLocalModeEmberJarsPutTheJarOnTheTaskThreadsClassLoaderAsOnExecutors() throws Exception {
    UserDefinedFunction score = udf(scorer, DataTypes.StringType);
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession withJars = EmberSession.builder().master("local[2]").config("ember.jars", jar.toString())
        .config("ember.ui.enabled", "false").getOrCreate()) {
      IntegrationSupport.assertSameRows(
          input(withJars).select(col("id"), score.apply(col("id"), col("text"))).collectAsList(), expected());
    }
    try (EmberSession withoutJars = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false")
        .getOrCreate()) {
      assertThatThrownBy(() -> input(withoutJars).select(score.apply(col("id"), col("text"))).collectAsList())
          .isInstanceOf(EmberException.class).hasMessageContaining(CLASS_NAME);
    }
    assertThatThrownBy(() -> EmberSession.builder().master("local[2]")
        .config("ember.jars", directory.resolve("missing.jar").toString()).getOrCreate())
        .hasMessageContaining("ember.jars").hasMessageContaining("missing.jar");
  }

  /** Records what a peer of the driver receives, and when its connection closes. */
  private static final class Peer implements Endpoint {
    final List<ControlMessage> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void received(Connection connection, ControlMessage message) {
      received.add(message);
    }

    @Override
    public void disconnected(Connection connection) {
      closed.complete(null);
    }
  }

  /** A peer without the secret, and one with it that never registered as an executor, ask for the jar. */
  private static void assertPeersCannotReadTheJar(int driverPort) throws Exception {
    NetworkSettings withoutSecret = new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES, null,
        Duration.ofSeconds(10));
    NetworkSettings withSecret = new NetworkSettings(NetworkSettings.DEFAULT_MAXIMUM_FRAME_BYTES,
        SECRET.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    for (NetworkSettings settings : List.of(withoutSecret, withSecret)) {
      try (RpcClient client = new RpcClient("ember-test-peer", settings)) {
        Peer peer = new Peer();
        Connection connection = client.connect("127.0.0.1", driverPort, Duration.ofSeconds(10), peer);
        connection.send(new FetchJarChunk(0, 0, 1 << 20));
        peer.closed.get(20, TimeUnit.SECONDS);
        assertThat(peer.received).as("what a peer " + (settings.authenticates() ? "with" : "without")
            + " the secret received").isEmpty();
      }
    }
  }
}
