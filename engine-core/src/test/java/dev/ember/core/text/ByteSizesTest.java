package dev.ember.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
  @Test
  void unitsAreBinaryMultiplesAndAPlainNumberTakesTheKeysUnit() {
    assertThat(ByteSizes.parse("k", "1g", 1)).isEqualTo(1L << 30);
    assertThat(ByteSizes.parse("k", "512M", 1)).isEqualTo(512L << 20);
    assertThat(ByteSizes.parse("k", "64kb", 1)).isEqualTo(64L << 10);
    assertThat(ByteSizes.parse("k", "1000", 1)).isEqualTo(1000);
    assertThat(ByteSizes.parse("k", "-1", 1)).isEqualTo(-1);
    assertThat(ByteSizes.parseMemory("ember.executor.memory", "512")).isEqualTo(512L << 20);
  }

  @Test
  void badSizesNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> ByteSizes.parse("ember.executor.memory", "lots", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.executor.memory").hasMessageContaining("'lots'");
    assertThatThrownBy(() -> ByteSizes.parseMemory("ember.executor.memory", "-1g")).hasMessageContaining("positive");
    assertThatThrownBy(() -> ByteSizes.parse("k", "99999999999t", 1)).hasMessageContaining("too large");
  }
}
