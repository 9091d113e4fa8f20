package dev.ember.ui.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.ui.status.AppStatusStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineHygiene.class)
class WebUiTest {
  private static final AppStatusStore STORE = new AppStatusStore("app-7", "ui", "0", 0, 10, 10, 10, List::of);

  @Test
  void aTakenPortMakesTheUiTakeTheNextFreeOneOnLoopbackOnly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        WebUi ui = WebUi.start(() -> List.of(STORE), taken.getLocalPort(), false)) {
      assertThat(ui.port()).isGreaterThan(taken.getLocalPort()).isLessThanOrEqualTo(taken.getLocalPort() + WebUi.PORT_RETRIES);
      assertThat(ui.url()).startsWith("http://127.0.0.1:");
      assertThat(Http.get(ui.url() + "/jobs/").body()).contains("Jobs (0)");
      assertThat(Http.get(ui.url() + "/static/ember-ui.js").body()).contains("fetch(api + '/jobs'");
      assertThat(Http.get(ui.url() + "/static/../WebUi.class").status()).isEqualTo(404);
      assertThat(Http.get(ui.url() + "/nowhere").status()).isEqualTo(404);
      assertThat(Http.get(ui.url() + "/jobs/job/?id=3").status()).isEqualTo(404);
    }
  }

  @Test
  void theHistoryUiListsApplicationsAndServesEachUnderItsId() throws Exception {
    try (WebUi ui = WebUi.start(() -> List.of(STORE), 0, true)) {
      assertThat(Http.get(ui.url() + "/").body()).contains("/history/app-7/jobs/");
      assertThat(Http.get(ui.url() + "/history/app-7/executors/").body()).contains("<h2>Executors</h2>");
      assertThat(Http.get(ui.url() + "/history/other/jobs/").status()).isEqualTo(404);
      assertThat(Http.get(ui.url() + "/api/v1/applications/app-7/jobs").body()).isEqualTo("[]");
    }
  }
}
