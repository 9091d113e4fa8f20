package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.ui.server.WebUi;
import dev.ember.ui.status.AppStatusStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineHygiene.class)
class BackgroundWebUiTest {
  private static final AppStatusStore STORE = new AppStatusStore("app-3", "background", "0.1.0", 0, 10, 10, 10, List::of);

  @Test
  void startReturnsWhileTheServerIsHeldAndAwaitGivesTheServingServerOnceItStarted() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BackgroundWebUi ui = BackgroundWebUi.start("background", () -> List.of(STORE), 0, () -> {
      reached.countDown();
      awaitQuietly(release);
    });
    try {
      // start returned although the server cannot start until released: the caller does not wait for it.
      assertThat(reached.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ui.isStarting()).isTrue();

      release.countDown();

      WebUi server = ui.await().orElseThrow();
      assertThat(ui.isStarting()).isFalse();
      assertThat(server.url()).startsWith("http://127.0.0.1:");
      assertThat(get(server.url() + "/api/v1/applications")).contains("\"id\":\"app-3\"").contains("background");
      String url = server.url();
      ui.close();
      assertThatThrownBy(() -> get(url + "/api/v1/applications")).isInstanceOf(IOException.class);
      ui.close();
    } finally {
      release.countDown();
      ui.close();
    }
  }

  @Test
  void aServerThatCannotStartLeavesTheSessionWithoutUi() {
    BackgroundWebUi ui = BackgroundWebUi.start("background", () -> List.of(STORE), 0, () -> {
      throw new IllegalStateException("no port at all could be bound");
    });
    assertThat(ui.await()).isEmpty();
    assertThat(ui.isStarting()).isFalse();
    ui.close();
  }

  @Test
  void aSessionsUiUrlWaitsForItsServerAndServesTheSession() throws Exception {
    try (EmberSession session = EmberSession.builder().appName("background-ui").master("local[2]")
        .config("ember.ui.port", "0").getOrCreate()) {
      String url = session.uiWebUrl().orElseThrow();
      assertThat(get(url + "/api/v1/applications")).contains("background-ui").contains(session.version());
    }
  }

  private static String get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout(10_000);
    connection.setReadTimeout(10_000);
    try (InputStream body = connection.getInputStream()) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      connection.disconnect();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
