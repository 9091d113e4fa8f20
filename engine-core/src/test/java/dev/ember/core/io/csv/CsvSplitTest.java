package dev.ember.core.io.csv;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;

/** A file cut into splits at any byte yields exactly the rows of the file read as one split. */
@ExtendWith(EngineHygiene.class)
class CsvSplitTest {
  @TempDir Path directory;

  @Test
  void everyTwoWayCutGivesTheSameRows() throws Exception {
    Random random = new Random(3);
    for (String newline : new String[] {"\n", "\r\n"}) {
      for (boolean header : new boolean[] {false, true}) {
        for (boolean finalNewline : new boolean[] {false, true}) {
          String text = randomFile(random, 25, newline, header, finalNewline);
          Path file = CsvFiles.write(directory, "cut.csv", text);
          long length = Files.size(file);
          CsvOptions options = CsvFiles.options(header);
          Schema schema = CsvFiles.strings(3);
          List<List<Object>> whole = CsvFiles.read(schema, single(file, length), options, 1 << 16);
          assertThat(whole).hasSize(25);
          for (long cut = 1; cut < length; cut++) {
            List<FileSplit> splits = List.of(
                new FileSplit(file.toString(), 0, cut, length),
                new FileSplit(file.toString(), cut, length - cut, length));
            assertThat(CsvFiles.read(schema, splits, options, 16 + random.nextInt(64)))
                .as("cut at %d, header %s, newline %s", cut, header, newline.length())
                .isEqualTo(whole);
          }
        }
      }
    }
  }

  @Test
  void everySplitSizeGivesTheSameRows() throws Exception {
    Random random = new Random(5);
    for (String newline : new String[] {"\n", "\r\n"}) {
      for (boolean header : new boolean[] {false, true}) {
        String text = randomFile(random, 15, newline, header, random.nextBoolean())
            + newline + newline + "  " + newline + "last,row,here";
        Path file = CsvFiles.write(directory, "sizes.csv", text);
        long length = Files.size(file);
        CsvOptions options = CsvFiles.options(header);
        Schema schema = CsvFiles.strings(3);
        List<List<Object>> whole = CsvFiles.read(schema, single(file, length), options, 1 << 16);
        for (long size = 1; size <= length; size++) {
          List<FileSplit> splits = CsvSource.planSplits(List.of(file.toString()), size);
          assertThat(splits).hasSize((int) ((length + size - 1) / size));
          assertThat(CsvFiles.read(schema, splits, options, 256))
              .as("split size %d, header %s", size, header)
              .isEqualTo(whole);
        }
      }
    }
  }

  @Test
  void aSplitOfZeroBytesAndAPartitionWithoutSplitsYieldNothing() throws Exception {
    Path file = CsvFiles.write(directory, "z.csv", "a,b\nc,d\n");
    long length = Files.size(file);
    assertThat(CsvFiles.read(CsvFiles.strings(2), List.of(new FileSplit(file.toString(), 4, 0, length)), CsvOptions.defaults(), 64))
        .isEmpty();
    assertThat(CsvFiles.read(CsvFiles.strings(2), List.of(), CsvOptions.defaults(), 64)).isEmpty();
  }

  @Test
  void aSplitStartingRightAfterANewlineOwnsTheRecordThere() throws Exception {
    Path file = CsvFiles.write(directory, "n.csv", "a,b\nc,d\ne,f\n");
    long length = Files.size(file);
    // Byte 4 is the 'c' after the first newline: the second split owns "c,d".
    assertThat(CsvFiles.read(CsvFiles.strings(2), List.of(new FileSplit(file.toString(), 4, 1, length)), CsvOptions.defaults(), 64))
        .containsExactly(List.of("c", "d"));
    // Byte 3 is the newline itself: the record after it begins at 4, inside [3, 5).
    assertThat(CsvFiles.read(CsvFiles.strings(2), List.of(new FileSplit(file.toString(), 3, 2, length)), CsvOptions.defaults(), 64))
        .containsExactly(List.of("c", "d"));
    // [5, 8) begins inside "c,d"; the next record begins at 8, outside it: nothing.
    assertThat(CsvFiles.read(CsvFiles.strings(2), List.of(new FileSplit(file.toString(), 5, 3, length)), CsvOptions.defaults(), 64))
        .isEmpty();
  }

  private static List<FileSplit> single(Path file, long length) {
    return List.of(new FileSplit(file.toString(), 0, length, length));
  }

  /** Records with quoted delimiters and quotes (no quoted newlines: splits cannot see those). */
  private static String randomFile(Random random, int records, String newline, boolean header, boolean finalNewline) {
    CsvOptions options = CsvOptions.defaults();
    List<String> lines = new ArrayList<>();
    if (header) {
      lines.add("x,y,z");
    }
    for (int r = 0; r < records; r++) {
      StringBuilder line = new StringBuilder();
      for (int f = 0; f < 3; f++) {
        if (f > 0) {
          line.append(',');
        }
        line.append(RandomCsvText.encode(
            "r" + r + CsvRecordReaderDifferentialTest.randomText(random, "ab,\"\\é ", random.nextInt(5)), options));
      }
      lines.add(line.toString());
    }
    return String.join(newline, lines) + (finalNewline ? newline : "");
  }
}
