package dev.ember.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EngineHygiene.class)
class SpillFileTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.LONG,
      ColumnType.DOUBLE, ColumnType.STRING, ColumnType.DATE, ColumnType.TIMESTAMP);

  @TempDir
  Path directory;

  private static Schema schema() {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < TYPES.size(); i++) {
      fields.add(Field.of("c" + i, TYPES.get(i)));
    }
    return new Schema(fields);
  }

  private static List<Object> randomRow(Random random) {
    Object[] values = {
      random.nextBoolean(), random.nextInt(), random.nextLong(),
      switch (random.nextInt(5)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        default -> random.nextGaussian();
      },
      random.nextInt(4) == 0 ? "" : "é" + random.nextInt(1000) + "\uD83D\uDE00", random.nextInt(30000), random.nextLong()
    };
    for (int i = 0; i < values.length; i++) {
      if (random.nextInt(6) == 0) {
        values[i] = null;
      }
    }
    return Arrays.asList(values);
  }

  private long filesIn(Path path) throws IOException {
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.count();
    }
  }

  @Test
  void batchesOfEveryTypeRoundTripAndTheFileIsDeletedOnceRead() throws IOException {
    Random random = new Random(5);
    List<Batch> written = new ArrayList<>();
    Path spill = directory.resolve("spill");
    SpillFile file;
    try (SpillWriter writer = SpillWriter.create(spill, TYPES)) {
      for (int b = 0; b < 20; b++) {
        List<List<Object>> rows = new ArrayList<>();
        int count = b == 3 ? 0 : random.nextInt(300);
        for (int i = 0; i < count; i++) {
          rows.add(randomRow(random));
        }
        Batch batch = Batch.fromRows(schema(), rows);
        writer.write(batch);
        written.add(batch);
      }
      file = writer.finish();
    }
    assertThat(file.bytes()).isEqualTo(Files.size(file.path()));
    assertThat(filesIn(spill)).isEqualTo(1);

    List<List<Object>> read = new ArrayList<>();
    try (SpillReader reader = file.open()) {
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        read.addAll(batch.rows());
      }
      assertThat(filesIn(spill)).as("deleted at the end of the file").isZero();
    }
    List<List<Object>> expected = new ArrayList<>();
    written.forEach(batch -> expected.addAll(batch.rows()));
    assertThat(read).isEqualTo(expected);
    assertThat(file.rows()).isEqualTo(expected.size());
  }

  @Test
  void anAbandonedWriterOrReaderDeletesItsFile() throws IOException {
    Path spill = directory.resolve("spill");
    try (SpillWriter writer = SpillWriter.create(spill, TYPES)) {
      writer.write(Batch.fromRows(schema(), List.of(randomRow(new Random(1)))));
    }
    assertThat(filesIn(spill)).isZero();

    SpillFile file;
    try (SpillWriter writer = SpillWriter.create(spill, TYPES)) {
      writer.write(Batch.fromRows(schema(), List.of(randomRow(new Random(1)), randomRow(new Random(2)))));
      file = writer.finish();
    }
    SpillReader reader = file.open();
    assertThat(reader.next()).isNotNull();
    reader.close();
    assertThat(filesIn(spill)).isZero();
  }

  @Test
  void aTruncatedFileIsReportedWithItsPath() throws IOException {
    SpillFile file;
    try (SpillWriter writer = SpillWriter.create(directory, List.of(ColumnType.LONG))) {
      writer.write(Batch.fromRows(new Schema(List.of(Field.of("a", ColumnType.LONG))), List.of(List.of(1L), List.of(2L))));
      file = writer.finish();
    }
    byte[] bytes = Files.readAllBytes(file.path());
    Files.write(file.path(), Arrays.copyOf(bytes, 10));

    try (SpillReader reader = file.open()) {
      assertThatThrownBy(reader::next).isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining(file.path().toString()).hasMessageContaining("ends early");
    }
    assertThat(Files.exists(file.path())).isFalse();
  }

  @Test
  void aBatchOfTheWrongShapeIsRejected() {
    try (SpillWriter writer = SpillWriter.create(directory, List.of(ColumnType.LONG))) {
      assertThatThrownBy(() -> writer.write(Batch.fromRows(
          new Schema(List.of(Field.of("a", ColumnType.INT))), List.of(List.of(1)))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 0 is bigint");
    }
  }
}
