package dev.ember.ui.render;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.EngineHygiene;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EngineHygiene.class)
class ExplainGraphTest {
  @Test
  void explainGraphWritesTheStagePictureOfADataFrameThatDidNotRun() throws Exception {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().master("local[2]").config("ember.ui.enabled", "false")
        .config("ember.sql.shuffle.partitions", "4").getOrCreate()) {
      DataFrame frame = session.range(0, 100).withColumn("k", col("id").mod(3)).groupBy("k").count();
      Path file = Path.of(frame.explainString("graph"));
      try {
        String html = Files.readString(file);
        int stages = frame.stages().stages().size();
        assertThat(stages).isEqualTo(2);
        assertThat(html.split("<g class=\"stage ", -1)).hasSize(stages + 1);
        assertThat(html.split("<g class=\"edge shuffle\"", -1)).hasSize(2);
        assertThat(html).contains("not run").contains("Legend");
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
