package dev.ember.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
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
  void ownersAreEqualExactlyWhenTheirIdAndStartAre() {
    ProcessOwner owner = new ProcessOwner(4_321, 1_700_000_000_123L);
    assertThat(owner).isEqualTo(new ProcessOwner(4_321, 1_700_000_000_123L));
    assertThat(owner.hashCode()).isEqualTo(new ProcessOwner(4_321, 1_700_000_000_123L).hashCode());
    assertThat(owner).isNotEqualTo(new ProcessOwner(4_322, 1_700_000_000_123L));
    assertThat(owner).isNotEqualTo(new ProcessOwner(4_321, 1_700_000_000_124L));
    assertThat(owner).isNotEqualTo(new ProcessOwner(1_700_000_000_123L, 4_321));
    assertThat(owner).isNotEqualTo(null);
    assertThat(owner).isNotEqualTo("p4321s1700000000123");
    assertThat(new HashSet<>(List.of(owner, new ProcessOwner(4_321, 1_700_000_000_123L), new ProcessOwner(0, 0))))
        .hasSize(2);
  }

  @Test
  void onLinuxThisProcessIsReadFromProcAsProcessHandleReadsIt() {
    assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc here");
    ProcessHandle self = ProcessHandle.current();
    ProcessOwner throughHandle = ProcessOwner.of(self);
    assertThat(ProcessOwner.readCurrent()).isEqualTo(throughHandle);
    assertThat(ProcessOwner.current()).isEqualTo(throughHandle);
  }

  @Test
  void procStatLinesAreReadPastACommandWithSpacesAndParentheses() {
    String systemStat = "cpu  1 2 3\nintr 5\nbtime 1796600000\nprocesses 12\n";
    // Field 22 (the start, in ticks of 1/100 s) is 12345 in both lines.
    String plain = "4242 (java) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 30 0 12345 1000 200\n";
    String odd = "77 (a (b) c) d) R 1 77 77 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 30 0 12345 1000 200\n";
    assertThat(ProcessOwner.fromProcFiles(plain, systemStat)).contains(new ProcessOwner(4242, 1_796_600_123_450L));
    assertThat(ProcessOwner.fromProcFiles(odd, systemStat)).contains(new ProcessOwner(77, 1_796_600_123_450L));
    assertThat(ProcessOwner.fromProcFiles(plain, "cpu 1 2 3\n")).as("no boot time").isEmpty();
    assertThat(ProcessOwner.fromProcFiles("4242 (java) S 1 2 3\n", systemStat)).as("too few fields").isEmpty();
    assertThat(ProcessOwner.fromProcFiles("", systemStat)).isEmpty();
    assertThat(ProcessOwner.fromProcFiles(plain.replace("4242 (", "x42 ("), systemStat)).as("not a pid").isEmpty();
    assertThat(ProcessOwner.fromProcFiles(plain, "btime soon\n")).as("not a boot time").isEmpty();
    assertThat(ProcessOwner.fromProcFiles(plain, "btime 1796600000")).as("btime first and last")
        .contains(new ProcessOwner(4242, 1_796_600_123_450L));
    assertThat(ProcessOwner.fromProcFiles(plain.replace(" 0 12345 ", "  0  12345 "), systemStat)).as("double spaces")
        .contains(new ProcessOwner(4242, 1_796_600_123_450L));
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
