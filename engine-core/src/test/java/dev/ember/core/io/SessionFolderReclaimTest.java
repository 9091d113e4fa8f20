package dev.ember.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EngineHygiene.class)
class SessionFolderReclaimTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path directory;

  /** A session folder of this process's id with an earlier start: its owner is gone (a reused id). */
  private static Path goneSessionFolder(Path parent, Random random) throws IOException {
    Path folder = Files.createDirectory(parent.resolve(
        "ember-" + new ProcessOwner(ProcessHandle.current().pid(), 1).tag() + "-" + UUID.randomUUID()));
    Path shuffle = Files.createDirectories(folder.resolve("shuffle-" + random.nextInt(100)));
    int files = random.nextInt(4);
    for (int file = 0; file < files; file++) {
      Files.writeString(shuffle.resolve("shuffle_0_" + file + "_0.data"), "x".repeat(random.nextInt(50)));
    }
    return folder;
  }

  @Test
  void reclaimsExactlyTheFoldersOfGoneProcessesOnAThreadOfItsOwn() throws Exception {
    Random random = new Random(8);
    for (int round = 0; round < 5; round++) {
      Path local = Files.createDirectory(directory.resolve("local-" + round));
      Set<Path> gone = new HashSet<>();
      Set<Path> kept = new HashSet<>();
      // Skew and edge cases: none, one or many gone folders among live and unrelated entries.
      int goneCount = round == 0 ? 0 : random.nextInt(round * 4) + 1;
      for (int i = 0; i < goneCount; i++) {
        gone.add(goneSessionFolder(local, random));
      }
      int live = random.nextInt(3) + 1;
      for (int i = 0; i < live; i++) {
        kept.add(Directories.createOwnSessionFolder(local));
      }
      kept.add(Files.createDirectory(local.resolve("ember-not-a-session-" + round)));
      kept.add(Files.writeString(local.resolve("ember-" + new ProcessOwner(ProcessHandle.current().pid(), 1).tag()
          + "-" + UUID.randomUUID()), "a file, not a session folder"));
      kept.add(Files.createDirectory(local.resolve("unrelated-" + round)));
      Set<Path> expectedLeft = new HashSet<>(kept);

      try (SessionFolderReclaim reclaim = SessionFolderReclaim.start(local, "ember-reclaim-test")) {
        assertThat(reclaim.await(WAIT)).isTrue();
        assertThat(new HashSet<>(reclaim.reclaimed())).as("round %d", round).isEqualTo(gone);
      }
      assertThat(entries(local)).as("round %d", round).isEqualTo(expectedLeft);
    }
  }

  @Test
  void aMissingLocalDirectoryReclaimsNothing() throws Exception {
    try (SessionFolderReclaim reclaim = SessionFolderReclaim.start(directory.resolve("missing"), "ember-reclaim-test")) {
      assertThat(reclaim.await(WAIT)).isTrue();
      assertThat(reclaim.reclaimed()).isEmpty();
    }
  }

  @Test
  void aLocalDirectoryThatIsAFileReclaimsNothingAndLeavesTheFile() throws Exception {
    Path file = Files.writeString(directory.resolve("ember-p1s1-not-a-directory"), "kept");
    try (SessionFolderReclaim reclaim = SessionFolderReclaim.start(file, "ember-reclaim-test")) {
      assertThat(reclaim.await(WAIT)).isTrue();
      assertThat(reclaim.reclaimed()).isEmpty();
    }
    assertThat(Files.readString(file)).isEqualTo("kept");
  }

  @Test
  void startReturnsWhileTheScanIsHeldAndTheScanFinishesAfterwards() throws Exception {
    Path gone = goneSessionFolder(directory, new Random(1));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch scanReached = new CountDownLatch(1);
    SessionFolderReclaim reclaim = SessionFolderReclaim.start(directory, "ember-reclaim-held", () -> {
      scanReached.countDown();
      awaitQuietly(release);
    });
    try {
      // start returned although the scan cannot finish until released: nobody on the caller's side waits for it.
      assertThat(scanReached.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(reclaim.await(Duration.ZERO)).isFalse();
      assertThat(reclaim.isRunning()).isTrue();
      assertThat(reclaim.threadName()).isEqualTo("ember-reclaim-held");
      assertThat(gone).isDirectory();
      Path own = Directories.createOwnSessionFolder(directory);

      release.countDown();

      assertThat(reclaim.await(WAIT)).isTrue();
      assertThat(reclaim.reclaimed()).containsExactly(gone);
      assertThat(gone).doesNotExist();
      assertThat(own).as("the starting session's own folder").isDirectory();
    } finally {
      release.countDown();
      reclaim.close();
    }
    assertThat(reclaim.isRunning()).isFalse();
  }

  @Test
  void closeStopsAScanThatHasNotReachedItsFoldersAndWaitsForItsThread() throws Exception {
    Random random = new Random(2);
    List<Path> gone = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      gone.add(goneSessionFolder(directory, random));
    }
    Thread[] closer = new Thread[1];
    CountDownLatch closerStarted = new CountDownLatch(1);
    // The scan is held until close has asked it to stop and is waiting for its thread (join).
    SessionFolderReclaim reclaim = SessionFolderReclaim.start(directory, "ember-reclaim-closed", () -> {
      awaitQuietly(closerStarted);
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (closer[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
    });
    closer[0] = new Thread(reclaim::close, "test-closer");
    closer[0].start();
    closerStarted.countDown();
    closer[0].join(WAIT.toMillis());

    assertThat(closer[0].isAlive()).isFalse();
    assertThat(reclaim.isRunning()).as("close returned after the scan's thread ended").isFalse();
    assertThat(reclaim.await(Duration.ZERO)).isTrue();
    assertThat(reclaim.reclaimed()).isEmpty();
    assertThat(gone).allSatisfy(folder -> assertThat(folder).isDirectory());
    reclaim.close(); // idempotent
  }

  @Test
  void theThreadIsNamedAsAnEngineThread() {
    assertThatThrownBy(() -> SessionFolderReclaim.start(directory, "reclaim"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember-");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Set<Path> entries(Path folder) throws IOException {
    Set<Path> entries = new HashSet<>();
    try (var listing = Files.newDirectoryStream(folder)) {
      for (Path entry : listing) {
        entries.add(entry);
      }
    }
    return entries;
  }
}
