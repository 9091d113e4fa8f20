package dev.ember.core.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkSettingsTest {
  @Test
  void defaultsWithoutKeys() {
    NetworkSettings settings = NetworkSettings.from(Map.of());
    assertThat(settings).isEqualTo(NetworkSettings.defaults());
    assertThat(settings.maximumFrameBytes()).isEqualTo(128 << 20);
    assertThat(settings.authenticates()).isFalse();
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void keysAreReadInSparksUnits() {
    NetworkSettings settings = NetworkSettings.from(Map.of(NetworkSettings.AUTHENTICATE_SECRET, "pässword",
        NetworkSettings.MAX_MESSAGE_SIZE, "16", NetworkSettings.NETWORK_TIMEOUT, "2min"));
    assertThat(settings.maximumFrameBytes()).isEqualTo(16 << 20);
    assertThat(settings.secretOrNull()).isEqualTo("pässword".getBytes(StandardCharsets.UTF_8));
    assertThat(settings.timeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(NetworkSettings.from(Map.of(NetworkSettings.MAX_MESSAGE_SIZE, "64k")).maximumFrameBytes()).isEqualTo(64 << 10);
    assertThat(NetworkSettings.from(Map.of(NetworkSettings.NETWORK_TIMEOUT, "500ms")).timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(NetworkSettings.from(Map.of(NetworkSettings.NETWORK_TIMEOUT, "30")).timeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theSecretIsNeitherPrintedNorShared() {
    byte[] secret = "hidden".getBytes(StandardCharsets.UTF_8);
    NetworkSettings settings = new NetworkSettings(1024, secret, Duration.ofSeconds(1));
    assertThat(settings.toString()).doesNotContain("hidden").contains("authenticates=true");
    secret[0] = 'X';
    settings.secretOrNull()[1] = 'Y';
    assertThat(settings.secretOrNull()).isEqualTo("hidden".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void badValuesNameTheirKey() {
    assertThatThrownBy(() -> NetworkSettings.from(Map.of(NetworkSettings.AUTHENTICATE_SECRET, "")))
        .hasMessageContaining("ember.authenticate.secret");
    assertThatThrownBy(() -> NetworkSettings.from(Map.of(NetworkSettings.MAX_MESSAGE_SIZE, "2g")))
        .hasMessageContaining("ember.rpc.message.maxSize");
    assertThatThrownBy(() -> NetworkSettings.from(Map.of(NetworkSettings.MAX_MESSAGE_SIZE, "lots")))
        .hasMessageContaining("ember.rpc.message.maxSize");
    assertThatThrownBy(() -> NetworkSettings.from(Map.of(NetworkSettings.NETWORK_TIMEOUT, "0s")))
        .hasMessageContaining("ember.network.timeout");
    assertThatThrownBy(() -> NetworkSettings.from(Map.of(NetworkSettings.NETWORK_TIMEOUT, "soon")))
        .hasMessageContaining("ember.network.timeout");
  }
}
