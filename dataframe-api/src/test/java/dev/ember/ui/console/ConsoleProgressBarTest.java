package dev.ember.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.core.scheduler.listener.StageSubmittedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
  @Test
  void aStageIsDrawnAsSparkDrawsIt() {
    String line = ConsoleProgressBar.line(List.of(new ConsoleProgressBar.StageProgress(3, 0, 40, 12, 2)), 80);
    String bar = "=".repeat(17) + ">" + " ".repeat(39);
    assertThat(line).isEqualTo("[Stage 3:" + bar + "(12 + 2) / 40]").hasSize(80);
    String two = ConsoleProgressBar.line(List.of(new ConsoleProgressBar.StageProgress(1, 0, 4, 4, 0),
        new ConsoleProgressBar.StageProgress(2, 0, 10, 0, 3)), 80);
    assertThat(two).startsWith("[Stage 1:=").contains("(4 + 0) / 4][Stage 2:>").endsWith("(0 + 3) / 10]").hasSize(80);
  }

  @Test
  void theBarShowsAfterHalfASecondAndIsErasedWhenTheStageEnds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), null);
    bar.onStageSubmitted(new StageSubmittedEvent(5, 0, 0, StageKind.RESULT, 4, List.of(), "Range", 0, 1_000));
    bar.onTaskStart(new TaskStartEvent(0, 5, 0, 0, 0, "local", 1_001));
    bar.refresh(1_400);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).as("a short stage draws nothing").isEmpty();
    bar.refresh(1_600);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("\r[Stage 5:>").endsWith("(0 + 1) / 4]");
    bar.onTaskEnd(new TaskEndEvent(0, 5, 0, 0, 0, "local", true, null, null, 1_001, 1_700));
    bytes.reset();
    bar.refresh(1_800);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("(1 + 0) / 4]");
    bytes.reset();
    bar.onStageCompleted(new StageCompletedEvent(5, 0, 0, true, null, null, 1, 0, 1_900));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).matches("\r +\r");
    bytes.reset();
    bar.onJobEnd(new JobEndEvent(0, true, null, 1, 2_000));
    bar.refresh(5_000);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    bar.close();
  }
}
