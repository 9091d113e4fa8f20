package dev.ember.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessOwnerTest {
  @TempDir Path directory;

  @Test
  void thisProcessIsAliveAndItsTagRoundTrips() {
    ProcessOwner current = ProcessOwner.current();
    assertThat(current.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(current.isAlive()).isTrue();
    assertThat(ProcessOwner.parse(current.tag())).contains(current);
    assertThat(ProcessOwner.parse("p12x")).isEmpty();
    assertThat(ProcessOwner.parse("p99999999999999999999s1")).isEmpty();
  }

  @Test
  void anExitedProcessAndAReusedIdAreGone() throws Exception {
    Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    ProcessOwner owner = ProcessOwner.of(child.toHandle());
    child.waitFor();
    assertThat(owner.isAlive()).isFalse();
    assertThat(new ProcessOwner(ProcessHandle.current().pid(), 1).isAlive()).as("same id, started earlier").isFalse();
  }

  @Test
  void aNewSessionFolderReclaimsOnlyTheFoldersOfGoneSessions() throws IOException {
    Path gone = Files.createDirectory(directory.resolve("ember-" + new ProcessOwner(ProcessHandle.current().pid(), 1).tag()
        + "-" + UUID.randomUUID()));
    Files.createDirectories(gone.resolve("shuffle-0"));
    Files.writeString(gone.resolve("shuffle-0").resolve("shuffle_0_0_0.data"), "x");
    Path live = Directories.createSessionFolder(directory);
    Path unrelated = Files.createDirectory(directory.resolve("ember-not-a-session"));

    Path next = Directories.createSessionFolder(directory);

    assertThat(gone).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(unrelated).isDirectory();
    assertThat(next.getFileName().toString()).startsWith("ember-" + ProcessOwner.current().tag() + "-");
  }

  @Test
  void randomNamesAreVersionFourUuidsThatDoNotRepeatAndSessionFoldersNeverShareOne() throws IOException {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String name = Directories.randomName();
      // The same text UUID.randomUUID() gives, so that folder names keep their pattern.
      UUID parsed = UUID.fromString(name);
      assertThat(parsed.toString()).isEqualTo(name);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      names.add(name);
    }
    assertThat(names).hasSize(10_000);
    Set<Path> folders = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      folders.add(Directories.createSessionFolder(directory));
    }
    assertThat(folders).hasSize(20).allSatisfy(folder -> assertThat(folder).isDirectory());
  }
}
