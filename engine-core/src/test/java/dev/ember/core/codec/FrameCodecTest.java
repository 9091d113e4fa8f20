package dev.ember.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The framing layer (LZ4, checksums) around encoded batches, as shuffle blocks and spill files use it. */
class FrameCodecTest {
  private static List<List<Object>> decodeRows(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch batch : batches) {
      rows.addAll(batch.rows());
    }
    return rows;
  }

  private static byte[] frames(List<List<Batch>> blocks, boolean compress) throws IOException {
    FrameCodec codec = new FrameCodec(compress);
    ByteArrayOutput block = new ByteArrayOutput(16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long written = 0;
    for (List<Batch> pieces : blocks) {
      block.reset();
      BatchEncoder.encode(pieces, 0, pieces.size(), block);
      written += codec.writeFrame(block, out);
    }
    assertThat(written).isEqualTo(out.size());
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void randomBatchesOfEveryTypeWithNullsRoundTrip(boolean compress) throws IOException {
    Random random = new Random(compress ? 1 : 2);
    for (int round = 0; round < 30; round++) {
      int nullEvery = round % 3 == 0 ? 0 : 1 + random.nextInt(10);
      List<List<Object>> rows = RandomBatches.rows(random, RandomBatches.ALL_TYPES, random.nextInt(3000), nullEvery);
      List<Batch> pieces = RandomBatches.batches(RandomBatches.ALL_TYPES, rows, random, 1 + random.nextInt(700));
      // One block per piece list, split at random.
      List<List<Batch>> blocks = new ArrayList<>();
      int from = 0;
      while (from < pieces.size()) {
        int to = Math.min(pieces.size(), from + 1 + random.nextInt(4));
        blocks.add(pieces.subList(from, to));
        from = to;
      }
      byte[] bytes = frames(blocks, compress);
      List<Batch> decoded = new FrameCodec(false).decodeAll(bytes, 0, bytes.length);
      assertThat(decoded).hasSize(blocks.size());
      assertThat(decodeRows(decoded)).isEqualTo(rows);
      for (Batch batch : decoded) {
        for (int column = 0; column < batch.columnCount(); column++) {
          assertThat(batch.type(column)).isEqualTo(RandomBatches.ALL_TYPES.type(column));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void emptyAndAllNullBlocksRoundTrip(boolean compress) throws IOException {
    Batch empty = Batch.empty(RandomBatches.ALL_TYPES);
    List<Object> nullRow = new ArrayList<>();
    for (int i = 0; i < RandomBatches.ALL_TYPES.size(); i++) {
      nullRow.add(null);
    }
    Batch nulls = Batch.fromRows(RandomBatches.ALL_TYPES, List.of(nullRow, nullRow, nullRow));
    Batch noColumns = new Batch(new ColumnVector[0], 5);
    byte[] bytes = frames(List.of(List.of(empty), List.of(nulls), List.of(empty, nulls, empty), List.of(noColumns)), compress);
    List<Batch> decoded = new FrameCodec(true).decodeAll(bytes, 0, bytes.length);
    assertThat(decoded).extracting(Batch::rowCount).containsExactly(0, 3, 3, 5);
    assertThat(decoded.get(0).columnCount()).isEqualTo(RandomBatches.ALL_TYPES.size());
    assertThat(decoded.get(1).rows()).containsOnly(nullRow);
    assertThat(decoded.get(3).columnCount()).isZero();
    assertThat(new FrameCodec(true).decodeAll(new byte[0], 0, 0)).isEmpty();
  }

  @Test
  void vectorsWithLongerArraysAndNullSlotsHoldingValuesWriteOnlyTheirRows() throws IOException {
    // Arrays longer than the size, and a null slot that still holds a string: neither may leak.
    LongVector longs = new LongVector(ColumnType.LONG, new long[] {5, 6, 7, 8}, new boolean[] {false, true, false, false}, 3);
    StringVector strings = new StringVector(ColumnType.STRING, new String[] {"a", "hidden", "c", "d"},
        new boolean[] {false, true, false, true}, 3);
    byte[] bytes = frames(List.of(List.of(new Batch(new ColumnVector[] {longs, strings}, 3))), false);
    Batch decoded = new FrameCodec(false).decodeAll(bytes, 0, bytes.length).get(0);
    assertThat(decoded.rows()).containsExactly(List.of(5L, "a"), java.util.Arrays.asList(null, null), List.of(7L, "c"));
    assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("hidden");
  }

  @Test
  void compressionShrinksRepetitiveBlocksAndIncompressibleOnesAreStoredRaw() throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(java.util.Arrays.asList(true, 1, 2L, 3.0, "same text", 4, 5L, new java.math.BigDecimal("6.00"),
          new java.math.BigDecimal("0.000000000000000007"), new java.math.BigDecimal("8"), new java.math.BigDecimal("9.0000000000")));
    }
    Batch repetitive = Batch.fromRows(RandomBatches.ALL_TYPES, rows);
    assertThat(frames(List.of(List.of(repetitive)), true).length * 5)
        .isLessThan(frames(List.of(List.of(repetitive)), false).length);

    Random random = new Random(3);
    long[] noise = new long[4096];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = random.nextLong();
    }
    Batch incompressible = new Batch(new ColumnVector[] {new LongVector(ColumnType.LONG, noise, null, noise.length)}, noise.length);
    byte[] stored = frames(List.of(List.of(incompressible)), true);
    assertThat(stored[0]).as("codec byte").isEqualTo(FrameCodec.CODEC_NONE);
    assertThat(stored.length).isEqualTo(frames(List.of(List.of(incompressible)), false).length);
    assertThat(new FrameCodec(true).decodeAll(stored, 0, stored.length).get(0).rows()).isEqualTo(incompressible.rows());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void everyDamagedByteIsDetected(boolean compress) throws IOException {
    Random random = new Random(4);
    byte[] bytes = frames(List.of(List.of(Batch.fromRows(RandomBatches.ALL_TYPES, RandomBatches.rows(random, RandomBatches.ALL_TYPES, 300, 5)))), compress);
    FrameCodec codec = new FrameCodec(compress);
    for (int position = 0; position < bytes.length; position += 1 + position / 50) {
      byte[] damaged = bytes.clone();
      damaged[position] ^= (byte) (1 << random.nextInt(8));
      int at = position;
      assertThatThrownBy(() -> codec.decodeAll(damaged, 0, damaged.length))
          .as("a flipped bit at byte %d", at)
          .isInstanceOf(CorruptBlockException.class);
    }
    assertThatThrownBy(() -> codec.decodeAll(bytes, 0, bytes.length - 1))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("cut off");
    assertThatThrownBy(() -> codec.decodeAll(bytes, 0, 7))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("header is cut off");
  }

  @Test
  void aBlockWithBadLengthsFailsClearlyEvenWithAGoodChecksum() {
    ByteArrayOutput block = new ByteArrayOutput(16);
    BatchEncoder.encode(List.of(Batch.fromRows(RandomBatches.ALL_TYPES, RandomBatches.rows(new Random(5), RandomBatches.ALL_TYPES, 10, 0))), 0, 1, block);
    byte[] bytes = java.util.Arrays.copyOf(block.array(), block.length());
    assertThatThrownBy(() -> BatchDecoder.decode(bytes, 0, bytes.length - 3))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("truncated");
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 2);
    assertThatThrownBy(() -> BatchDecoder.decode(longer, 0, longer.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("left after the block");
    byte[] huge = bytes.clone();
    ByteArrayOutput.INTS.set(huge, 5, Integer.MAX_VALUE); // the row count
    assertThatThrownBy(() -> BatchDecoder.decode(huge, 0, huge.length)).isInstanceOf(CorruptBlockException.class);
    byte[] badType = bytes.clone();
    badType[ColumnarFormat.FIXED_HEADER_BYTES] = 42; // the first column's type code
    assertThatThrownBy(() -> BatchDecoder.decode(badType, 0, badType.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("unknown type code 42");
  }

  @Test
  void utf8EncodingMatchesTheJdkForAnyText() {
    Random random = new Random(6);
    ByteArrayOutput out = new ByteArrayOutput(1);
    for (int round = 0; round < 2000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(20);
      for (int i = 0; i < length; i++) {
        text.append(switch (random.nextInt(6)) {
          case 0 -> (char) random.nextInt(0x80);
          case 1 -> (char) (0x80 + random.nextInt(0x780));
          case 2 -> (char) (0x800 + random.nextInt(0xD000));
          case 3 -> new String(Character.toChars(0x10000 + random.nextInt(0x100000)));
          case 4 -> (char) (0xD800 + random.nextInt(0x800)); // a lone surrogate
          default -> (char) (0xE000 + random.nextInt(0x2000));
        });
      }
      String value = text.toString();
      out.reset();
      int written = out.writeUtf8(value);
      byte[] expected = value.getBytes(StandardCharsets.UTF_8);
      assertThat(java.util.Arrays.copyOf(out.array(), written)).as("'%s'", value).isEqualTo(expected);
    }
  }

  @Test
  void mixedColumnTypesInOneBlockAreRefused() {
    Batch longs = Batch.of(new LongVector(ColumnType.LONG, new long[] {1}, null, 1));
    Batch timestamps = Batch.of(new LongVector(ColumnType.TIMESTAMP, new long[] {1}, null, 1));
    assertThatThrownBy(() -> BatchEncoder.encode(List.of(longs, timestamps), 0, 2, new ByteArrayOutput(16)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 0 is bigint");
  }
}
