package dev.ember.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaveModeTest {
  @Test
  void sparkNamesInAnyCase() {
    assertThat(SaveMode.fromSparkName("error")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.fromSparkName("ErrorIfExists")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.fromSparkName("DEFAULT")).isEqualTo(SaveMode.ERROR_IF_EXISTS);
    assertThat(SaveMode.fromSparkName("Overwrite")).isEqualTo(SaveMode.OVERWRITE);
    assertThat(SaveMode.fromSparkName("append")).isEqualTo(SaveMode.APPEND);
    assertThat(SaveMode.fromSparkName("IGNORE")).isEqualTo(SaveMode.IGNORE);
  }

  @Test
  void unknownNamesListTheAcceptedOnes() {
    assertThatThrownBy(() -> SaveMode.fromSparkName("replace"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'replace'")
        .hasMessageContaining("'error', 'errorifexists', 'default', 'overwrite', 'append', 'ignore'");
    assertThatThrownBy(() -> SaveMode.fromSparkName(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
