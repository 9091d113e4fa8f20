package dev.ember.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.result.PartitionResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCommitProtocolTest {
  @TempDir Path directory;

  @Test
  void errorModeWritesANewTargetAndRefusesAnExistingOne() throws Exception {
    Path target = directory.resolve("out");
    FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), SaveMode.ERROR_IF_EXISTS);
    assertThat(protocol.skipped()).isFalse();
    Path staging = Path.of(protocol.stagingDirectory());
    assertThat(staging.getParent()).isEqualTo(directory.toAbsolutePath());
    assertThat(staging.getFileName().toString()).startsWith(".out.ember-staging-");
    protocol.commit(List.of(task(protocol, "part-00000-1.csv", "a\n"), task(protocol, "part-00001-2.csv", "b\n")));
    assertThat(contents(target)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-1.csv", "a\n", "part-00001-2.csv", "b\n"));
    assertThat(Files.exists(staging)).isFalse();
    assertThat(siblings()).containsExactly("out");

    assertThatThrownBy(() -> FileCommitProtocol.begin(target.toString(), SaveMode.ERROR_IF_EXISTS))
        .isInstanceOf(PathAlreadyExistsException.class)
        .hasMessage("Path file:" + target.toAbsolutePath()
            + " already exists. Set mode to \"overwrite\", \"append\" or \"ignore\" to write there anyway.");
  }

  @Test
  void ignoreModeSkipsAnExistingTargetAndWritesAMissingOne() throws Exception {
    Path target = directory.resolve("out");
    Files.createDirectory(target);
    Files.writeString(target.resolve("old.csv"), "old\n");
    FileCommitProtocol skipped = FileCommitProtocol.begin(target.toString(), SaveMode.IGNORE);
    assertThat(skipped.skipped()).isTrue();
    assertThat(skipped.stagingDirectory()).isNull();
    skipped.commit(List.of());
    assertThat(contents(target)).isEqualTo(Map.of("old.csv", "old\n"));

    Path fresh = directory.resolve("fresh");
    FileCommitProtocol protocol = FileCommitProtocol.begin(fresh.toString(), SaveMode.IGNORE);
    assertThat(protocol.skipped()).isFalse();
    protocol.commit(List.of(task(protocol, "part-00000-1.csv", "n\n")));
    assertThat(contents(fresh)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-1.csv", "n\n"));
  }

  @Test
  void overwriteReplacesTheOldDataOnlyAtCommit() throws Exception {
    Path target = directory.resolve("out");
    Files.createDirectory(target);
    Files.writeString(target.resolve("old.csv"), "old\n");
    FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), SaveMode.OVERWRITE);
    PartitionResult.WrittenFiles written = task(protocol, "part-00000-1.csv", "new\n");
    assertThat(contents(target)).isEqualTo(Map.of("old.csv", "old\n"));
    protocol.commit(List.of(written));
    assertThat(contents(target)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-1.csv", "new\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void overwriteOfAMissingTargetAndOfAFile() throws Exception {
    Path missing = directory.resolve("missing");
    FileCommitProtocol first = FileCommitProtocol.begin(missing.toString(), SaveMode.OVERWRITE);
    first.commit(List.of(task(first, "part-00000-1.csv", "x\n")));
    assertThat(contents(missing)).containsKeys("_SUCCESS", "part-00000-1.csv");

    Path file = directory.resolve("file.csv");
    Files.writeString(file, "was a file");
    FileCommitProtocol second = FileCommitProtocol.begin(file.toString(), SaveMode.OVERWRITE);
    second.commit(List.of(task(second, "part-00000-1.csv", "y\n")));
    assertThat(Files.isDirectory(file)).isTrue();
    assertThat(contents(file)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-1.csv", "y\n"));
  }

  @Test
  void appendAddsFilesWithoutClashingNames() throws Exception {
    Path target = directory.resolve("out");
    FileCommitProtocol first = FileCommitProtocol.begin(target.toString(), SaveMode.APPEND);
    first.commit(List.of(task(first, "part-00000-1.csv", "one\n")));
    FileCommitProtocol second = FileCommitProtocol.begin(target.toString(), SaveMode.APPEND);
    second.commit(List.of(task(second, "part-00000-1.csv", "two\n"), task(second, "part-00001-2.csv", "three\n")));
    FileCommitProtocol third = FileCommitProtocol.begin(target.toString(), SaveMode.APPEND);
    third.commit(List.of(task(third, "part-00000-1.csv", "four\n")));
    assertThat(contents(target)).isEqualTo(Map.of(
        "_SUCCESS", "",
        "part-00000-1.csv", "one\n",
        "part-00000-1-1.csv", "two\n",
        "part-00001-2.csv", "three\n",
        "part-00000-1-2.csv", "four\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void onlyListedFilesAreCommitted() throws Exception {
    Path target = directory.resolve("out");
    FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), SaveMode.ERROR_IF_EXISTS);
    PartitionResult.WrittenFiles winner = task(protocol, "part-00000-7.csv", "winner\n");
    task(protocol, "part-00000-3.csv", "failed attempt\n");
    Files.createDirectory(Path.of(protocol.stagingDirectory()).resolve("leftover"));
    protocol.commit(List.of(winner));
    assertThat(contents(target)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-7.csv", "winner\n"));
  }

  @Test
  void abortDeletesStagingAndLeavesTheTargetUntouched() throws Exception {
    Path target = directory.resolve("out");
    Files.createDirectory(target);
    Files.writeString(target.resolve("old.csv"), "old\n");
    for (SaveMode mode : new SaveMode[] {SaveMode.OVERWRITE, SaveMode.APPEND}) {
      FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), mode);
      task(protocol, "part-00000-1.csv", "new\n");
      protocol.abort();
      protocol.abort();
      assertThat(Files.exists(Path.of(protocol.stagingDirectory()))).isFalse();
      assertThat(contents(target)).isEqualTo(Map.of("old.csv", "old\n"));
      assertThatThrownBy(() -> protocol.commit(List.of())).isInstanceOf(IllegalStateException.class);
    }
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void resultsOutsideStagingOrMissingAreRejected() throws Exception {
    Path target = directory.resolve("out");
    FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), SaveMode.ERROR_IF_EXISTS);
    Path elsewhere = Files.writeString(directory.resolve("elsewhere.csv"), "x");
    assertThatThrownBy(() -> protocol.commit(List.of(new PartitionResult.WrittenFiles(List.of(elsewhere.toString()), 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not in the staging directory");
    FileCommitProtocol other = FileCommitProtocol.begin(directory.resolve("other").toString(), SaveMode.ERROR_IF_EXISTS);
    String ghost = Path.of(other.stagingDirectory()).resolve("part-00000-1.csv").toString();
    assertThatThrownBy(() -> other.commit(List.of(new PartitionResult.WrittenFiles(List.of(ghost), 1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing");
  }

  private static PartitionResult.WrittenFiles task(FileCommitProtocol protocol, String name, String text) throws IOException {
    Path file = Files.writeString(Path.of(protocol.stagingDirectory()).resolve(name), text);
    return new PartitionResult.WrittenFiles(List.of(file.toString()), 1);
  }

  /** An owner that is gone: this process's id with an earlier start time, as when the id was reused. */
  private static final ProcessOwner GONE = new ProcessOwner(ProcessHandle.current().pid(), 1);

  @Test
  void aWriteReclaimsTheStagingFolderOfAKilledWriterButNotOfALiveOne() throws Exception {
    Path target = directory.resolve("out");
    Path dead = Files.createDirectory(directory.resolve(".out.ember-staging-" + GONE.tag() + "-" + java.util.UUID.randomUUID()));
    Files.writeString(dead.resolve("part-00000-1.csv"), "half written\n");
    FileCommitProtocol live = FileCommitProtocol.begin(target.toString(), SaveMode.OVERWRITE);
    Path otherTarget = Files.createDirectory(
        directory.resolve(".other.ember-staging-" + GONE.tag() + "-" + java.util.UUID.randomUUID()));

    FileCommitProtocol protocol = FileCommitProtocol.begin(target.toString(), SaveMode.OVERWRITE);

    assertThat(dead).as("the killed writer's staging folder").doesNotExist();
    assertThat(Path.of(live.stagingDirectory())).as("a live writer's staging folder").isDirectory();
    assertThat(otherTarget).as("another target's folders are that target's business").isDirectory();
    protocol.commit(List.of(task(protocol, "part-00000-2.csv", "new\n")));
    live.abort();
    assertThat(contents(target)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-2.csv", "new\n"));
  }

  @Test
  void aWriteKilledBetweenTheTwoRenamesOfAnOverwriteGetsItsOldDataBack() throws Exception {
    Path target = directory.resolve("out");
    String id = GONE.tag() + "-" + java.util.UUID.randomUUID();
    // The state a kill leaves between "move the old data aside" and "move the new data in".
    Path old = Files.createDirectory(directory.resolve(".out.ember-old-" + id));
    Files.writeString(old.resolve("part-00000-0.csv"), "old\n");
    Path staging = Files.createDirectory(directory.resolve(".out.ember-staging-" + id));
    Files.writeString(staging.resolve("part-00000-1.csv"), "new\n");

    assertThat(FileCommitProtocol.reclaimStale(target.toAbsolutePath())).containsExactly(old, staging);

    assertThat(contents(target)).isEqualTo(Map.of("part-00000-0.csv", "old\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void anAppendKilledWhileMovingItsFilesInIsCompletedByTheNextWrite() throws Exception {
    Path target = Files.createDirectory(directory.resolve("out"));
    Files.writeString(target.resolve("part-00000-0.csv"), "earlier\n");
    // The state a kill leaves in the middle of an append's moves: one file moved in, one still staged.
    Path staging = Files.createDirectory(directory.resolve(".out.ember-staging-" + GONE.tag() + "-" + java.util.UUID.randomUUID()));
    Files.createFile(staging.resolve(FileCommitProtocol.SUCCESS_MARKER));
    Files.createFile(staging.resolve(FileCommitProtocol.APPENDING_MARKER));
    Files.writeString(target.resolve("part-00000-1.csv"), "appended first\n");
    Files.writeString(staging.resolve("part-00001-1.csv"), "appended second\n");

    FileCommitProtocol next = FileCommitProtocol.begin(target.toString(), SaveMode.APPEND);
    next.commit(List.of(task(next, "part-00000-1.csv", "next\n")));

    assertThat(contents(target)).isEqualTo(Map.of("_SUCCESS", "", "part-00000-0.csv", "earlier\n",
        "part-00000-1.csv", "appended first\n", "part-00001-1.csv", "appended second\n", "part-00000-1-1.csv", "next\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void aKilledAppendThatHadNotStartedMovingIsDiscarded() throws Exception {
    Path target = Files.createDirectory(directory.resolve("out"));
    Files.writeString(target.resolve("part-00000-0.csv"), "earlier\n");
    // Killed while its tasks wrote: no marker, so nothing in it was committed.
    Path staging = Files.createDirectory(directory.resolve(".out.ember-staging-" + GONE.tag() + "-" + java.util.UUID.randomUUID()));
    Files.writeString(staging.resolve("part-00001-1.csv"), "half writ");

    FileCommitProtocol.begin(target.toString(), SaveMode.APPEND).abort();

    assertThat(contents(target)).isEqualTo(Map.of("part-00000-0.csv", "earlier\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void aLeftOverOldFolderBesideACommittedTargetIsDeleted() throws Exception {
    Path target = Files.createDirectory(directory.resolve("out"));
    Files.writeString(target.resolve("part-00000-1.csv"), "new\n");
    Path old = Files.createDirectory(directory.resolve(".out.ember-old-" + GONE.tag() + "-" + java.util.UUID.randomUUID()));
    Files.writeString(old.resolve("part-00000-0.csv"), "old\n");

    FileCommitProtocol.begin(target.toString(), SaveMode.APPEND).abort();

    assertThat(contents(target)).isEqualTo(Map.of("part-00000-1.csv", "new\n"));
    assertThat(siblings()).containsExactly("out");
  }

  @Test
  void stagingFoldersNameTheirOwner() throws Exception {
    FileCommitProtocol protocol = FileCommitProtocol.begin(directory.resolve("out").toString(), SaveMode.OVERWRITE);
    assertThat(Path.of(protocol.stagingDirectory()).getFileName().toString())
        .startsWith(".out.ember-staging-" + ProcessOwner.current().tag() + "-");
    protocol.abort();
  }

  private static Map<String, String> contents(Path directory) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path entry : entries.toList()) {
        files.put(entry.getFileName().toString(), Files.readString(entry));
      }
    }
    return files;
  }

  private List<String> siblings() throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).filter(name -> !name.endsWith(".csv") || name.equals("out"))
          .filter(name -> !name.equals("file.csv")).sorted().toList();
    }
  }
}
