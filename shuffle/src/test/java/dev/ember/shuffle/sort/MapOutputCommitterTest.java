package dev.ember.shuffle.sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.metrics.TaskMetrics;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writers' one commit path, over a hand-written committer that records what it publishes. */
class MapOutputCommitterTest {
  @TempDir
  Path directory;

  /** Renames like the disk manager, into {@code directory}; remembers what was published. */
  private final class RecordingCommitter implements MapOutputCommitter {
    final List<String> published = new ArrayList<>();

    @Override
    public Path shuffleDirectory(int shuffleId) {
      return directory;
    }

    @Override
    public Path temporaryFile(int shuffleId, String prefix) throws IOException {
      return Files.createTempFile(directory, prefix + ".", ".tmp");
    }

    @Override
    public MapStatus commit(int shuffleId, int mapId, Path temporaryData, Path temporaryIndex, long[] lengths,
        long[] records) throws IOException {
      Files.move(temporaryIndex, directory.resolve(ShuffleFiles.indexName(shuffleId, mapId)));
      Files.move(temporaryData, directory.resolve(ShuffleFiles.dataName(shuffleId, mapId)));
      published.add("files " + shuffleId + "/" + mapId);
      return new MapStatus("exec-0", shuffleId, mapId, lengths, records);
    }

    @Override
    public MapStatus commitInMemory(int shuffleId, int mapId, byte[][] partitions, long[] records) {
      published.add("memory " + shuffleId + "/" + mapId);
      long[] lengths = new long[partitions.length];
      for (int i = 0; i < partitions.length; i++) {
        lengths[i] = partitions[i].length;
      }
      return new MapStatus("exec-0", shuffleId, mapId, lengths, records);
    }
  }

  private List<String> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void publishedFilesHoldTheDataAndTheIndexOfItsLengthsAndCountTheWrite() throws IOException {
    RecordingCommitter committer = new RecordingCommitter();
    TaskMetrics metrics = new TaskMetrics();
    long[] records = {2, 0, 5};

    MapStatus status = committer.publishFiles(2, 3, data -> {
      data.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
      data.write(ByteBuffer.wrap(new byte[] {4, 5, 6, 7}));
      return new long[] {3, 0, 4};
    }, records, metrics);

    assertThat(committer.published).containsExactly("files 2/3");
    assertThat(status.blockSizes()).containsExactly(3, 0, 4);
    assertThat(status.blockRecords()).containsExactly(2, 0, 5);
    assertThat(files()).containsExactly("shuffle_2_3_0.data", "shuffle_2_3_0.index");
    assertThat(Files.readAllBytes(directory.resolve("shuffle_2_3_0.data"))).containsExactly(1, 2, 3, 4, 5, 6, 7);
    try (DataInputStream index = new DataInputStream(Files.newInputStream(directory.resolve("shuffle_2_3_0.index")))) {
      assertThat(new long[] {index.readLong(), index.readLong(), index.readLong(), index.readLong()})
          .containsExactly(0, 3, 3, 7);
    }
    assertThat(metrics.shuffleRecordsWritten()).isEqualTo(7);
    assertThat(metrics.shuffleBytesWritten()).isEqualTo(7);
    records[0] = 99;
    assertThat(status.blockRecords()).as("the status keeps its own copy").containsExactly(2, 0, 5);
  }

  @Test
  void aFailedDataFileLeavesNoFileAndPublishesNothing() throws IOException {
    RecordingCommitter committer = new RecordingCommitter();
    TaskMetrics metrics = new TaskMetrics();

    assertThatThrownBy(() -> committer.publishFiles(4, 1, data -> {
      data.write(ByteBuffer.wrap(new byte[] {1}));
      throw new IOException("disk full");
    }, new long[] {1}, metrics))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("map 1 of shuffle 4")
        .hasMessageContaining("disk full");

    assertThat(files()).isEmpty();
    assertThat(committer.published).isEmpty();
    assertThat(metrics.shuffleRecordsWritten()).isZero();
    assertThat(metrics.shuffleBytesWritten()).isZero();
  }

  @Test
  void anInMemoryOutputIsPublishedWithItsFramesLengthsAndCountsTheWrite() throws IOException {
    RecordingCommitter committer = new RecordingCommitter();
    TaskMetrics metrics = new TaskMetrics();

    MapStatus status = committer.publishInMemory(6, 0, new byte[][] {{1, 2}, {}, {3}}, new long[] {4, 0, 1}, metrics);

    assertThat(committer.published).containsExactly("memory 6/0");
    assertThat(status.blockSizes()).containsExactly(2, 0, 1);
    assertThat(metrics.shuffleRecordsWritten()).isEqualTo(5);
    assertThat(metrics.shuffleBytesWritten()).isEqualTo(3);
    assertThat(files()).isEmpty();
  }
}
