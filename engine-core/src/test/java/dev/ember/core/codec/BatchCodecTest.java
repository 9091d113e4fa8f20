package dev.ember.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round-trip properties and corruption handling of the one columnar encoding, without framing. */
class BatchCodecTest {
  /** Random tests draw a fresh seed each run (or {@code -Dember.test.seed=N}) and name it on failure. */
  private static final long SEED = Long.getLong("ember.test.seed", System.nanoTime());

  private static byte[] encode(Batch batch) {
    ByteArrayOutput out = new ByteArrayOutput(16);
    BatchEncoder.encode(batch, out);
    return Arrays.copyOf(out.array(), out.length());
  }

  private static Batch roundTrip(Batch batch) {
    byte[] bytes = encode(batch);
    return BatchDecoder.decode(bytes, 0, bytes.length);
  }

  private static void assertSameBatch(Batch actual, Batch expected, String description) {
    assertThat(actual.rowCount()).as(description).isEqualTo(expected.rowCount());
    assertThat(actual.columnCount()).as(description).isEqualTo(expected.columnCount());
    for (int column = 0; column < expected.columnCount(); column++) {
      assertThat(actual.type(column)).as(description).isEqualTo(expected.type(column));
      assertThat(actual.column(column).getClass()).as(description).isEqualTo(expected.column(column).getClass());
    }
    assertThat(actual.rows()).as(description).isEqualTo(expected.rows());
  }

  @Test
  void everyTypeRoundTripsWithAndWithoutNullsAndAllNull() {
    Random random = new Random(SEED);
    for (ColumnType type : RandomBatches.VECTOR_TYPES) {
      Schema schema = RandomBatches.schemaOf(List.of(type));
      for (int nullEvery : new int[] {0, 1, 2, 7}) {
        for (int rows : new int[] {0, 1, 7, 8, 9, 4096}) {
          Batch batch = Batch.fromRows(schema, RandomBatches.rows(random, schema, rows, nullEvery));
          Batch decoded = roundTrip(batch);
          String description = "%s, %d rows, nullEvery %d, seed %d".formatted(type, rows, nullEvery, SEED);
          assertSameBatch(decoded, batch, description);
          if (nullEvery == 0) {
            assertThat(decoded.column(0).mayHaveNulls()).as("no null: the fast path, " + description).isFalse();
          }
          if (nullEvery == 1 && rows > 0) {
            assertThat(decoded.rows()).as(description).allMatch(row -> row.get(0) == null);
          }
        }
      }
    }
  }

  @Test
  void randomBatchesOfRandomSchemasRoundTrip() {
    Random random = new Random(SEED);
    for (int round = 0; round < 200; round++) {
      Schema schema = RandomBatches.randomSchema(random, 12);
      int nullEvery = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10);
      Batch batch = Batch.fromRows(schema, RandomBatches.rows(random, schema, random.nextInt(2000), nullEvery));
      assertSameBatch(roundTrip(batch), batch, "round " + round + " of seed " + SEED + ", schema " + schema);
    }
  }

  @Test
  void piecesEncodeAsOneBatchOfTheirRowsInOrder() {
    Random random = new Random(SEED);
    for (int round = 0; round < 50; round++) {
      Schema schema = RandomBatches.randomSchema(random, 8);
      List<List<Object>> rows = RandomBatches.rows(random, schema, 1 + random.nextInt(3000), 1 + random.nextInt(5));
      List<Batch> pieces = RandomBatches.batches(schema, rows, random, 1 + random.nextInt(400));
      ByteArrayOutput out = new ByteArrayOutput(16);
      BatchEncoder.encode(pieces, 0, pieces.size(), out);
      Batch decoded = BatchDecoder.decode(out.array(), 0, out.length());
      assertThat(decoded.rows()).as("round %d of seed %d", round, SEED).isEqualTo(rows);
    }
  }

  @Test
  void emptyBatchesAndBatchesWithoutColumnsRoundTrip() {
    assertSameBatch(roundTrip(Batch.empty(RandomBatches.ALL_TYPES)), Batch.empty(RandomBatches.ALL_TYPES), "0 rows");
    Batch noColumns = new Batch(new ColumnVector[0], 0);
    assertSameBatch(roundTrip(noColumns), noColumns, "0 columns, 0 rows");
    Batch countOnly = new Batch(new ColumnVector[0], 12_345);
    assertThat(roundTrip(countOnly).rowCount()).as("a count-only batch keeps its rows").isEqualTo(12_345);
    assertThat(encode(noColumns)).hasSize(ColumnarFormat.FIXED_HEADER_BYTES);
  }

  @Test
  void largeStringsAndABatchOverSixteenMebibytesRoundTrip() {
    Random random = new Random(SEED);
    int rows = 260;
    String[] values = new String[rows];
    boolean[] nulls = new boolean[rows];
    for (int row = 0; row < rows; row++) {
      String unit = switch (row % 3) {
        case 0 -> "a";
        case 1 -> "日"; // 3 bytes in UTF-8
        default -> "\uD83D\uDE00"; // 4 bytes
      };
      int repeats = (64 * 1024) / unit.getBytes(StandardCharsets.UTF_8).length + 1 + random.nextInt(2000);
      values[row] = row + ":" + unit.repeat(repeats);
      nulls[row] = row % 50 == 49;
    }
    Batch batch = Batch.of(new StringVector(ColumnType.STRING, values, nulls, rows));
    byte[] bytes = encode(batch);
    assertThat(bytes.length).as("the batch is over 16 MiB").isGreaterThan(16 << 20);
    Batch decoded = BatchDecoder.decode(bytes, 0, bytes.length);
    StringVector strings = (StringVector) decoded.column(0);
    for (int row = 0; row < rows; row++) {
      if (nulls[row]) {
        assertThat(strings.isNull(row)).isTrue();
      } else {
        assertThat(values[row].getBytes(StandardCharsets.UTF_8).length).isGreaterThan(64 * 1024);
        assertThat(strings.get(row)).as("row %d, seed %d", row, SEED).isEqualTo(values[row]);
      }
    }
  }

  @Test
  void multiByteTextRoundTripsAndLoneSurrogatesBecomeQuestionMarksAsInTheJdk() {
    Random random = new Random(SEED);
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < 3000; row++) {
      rows.add(List.of(RandomBatches.text(random, 40)));
    }
    Schema schema = RandomBatches.schemaOf(List.of(ColumnType.STRING));
    assertThat(roundTrip(Batch.fromRows(schema, rows)).rows()).as("seed %d", SEED).isEqualTo(rows);

    String lone = "a\uD800b\uDC00";
    Batch decoded = roundTrip(Batch.fromRows(schema, List.of(List.of(lone))));
    assertThat(decoded.column(0).getObject(0))
        .isEqualTo(new String(lone.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo("a?b?");
  }

  @Test
  void doublesKeepTheirExactBitsInShortAndLongColumns() {
    long[] patterns = {0x7ff0000000000123L, 0xfff8000000000001L, Double.doubleToRawLongBits(-0.0), 1L};
    for (int rows : new int[] {3, 63, 64, 1000}) {
      double[] values = new double[rows];
      for (int row = 0; row < rows; row++) {
        values[row] = Double.longBitsToDouble(patterns[row % patterns.length]);
      }
      Batch batch = Batch.of(new DoubleVector(ColumnType.DOUBLE, values, null, rows));
      double[] decoded = ((DoubleVector) roundTrip(batch).column(0)).values;
      for (int row = 0; row < rows; row++) {
        assertThat(Double.doubleToRawLongBits(decoded[row])).as("row %d of %d", row, rows)
            .isEqualTo(patterns[row % patterns.length]);
      }
    }
  }

  @Test
  void theLayoutIsTheDocumentedOne() {
    IntVector ints = new IntVector(ColumnType.INT, new int[] {7, 0}, new boolean[] {false, true}, 2);
    StringVector strings = new StringVector(ColumnType.STRING, new String[] {"é", "ab"}, null, 2);
    String hex = HexFormat.of().formatHex(encode(Batch.of(ints, strings)));
    assertThat(hex).isEqualTo(
        "454d4243" + "02" + "02000000" + "02000000" // magic "EMBC", version 2, 2 rows, 2 columns
            + "0201" + "0500" // INT with nulls, STRING without
            + "02" + "07000000" + "00000000" // null bits (row 1), the ints
            + "00000000" + "02000000" + "04000000" + "c3a96162"); // string offsets 0, 2, 4, then UTF-8 bytes
  }

  @Test
  void decimalColumnsAreUnscaledLongsOrSixteenBytesOfTwosComplement() {
    LongVector compact = new LongVector(ColumnType.decimal(7, 2), new long[] {-150, 0}, new boolean[] {false, true}, 2);
    DecimalVector wide = DecimalVector.of(ColumnType.decimal(38, 1),
        new java.math.BigDecimal[] {new java.math.BigDecimal("-0.1"), new java.math.BigDecimal("1" + "0".repeat(19) + ".5")}, null, 2);
    byte[] bytes = encode(Batch.of(compact, wide));
    String hex = HexFormat.of().formatHex(bytes);
    assertThat(hex).isEqualTo(
        "454d4243" + "02" + "02000000" + "02000000"
            + "08010702" + "08002601" // DECIMAL(7,2) with nulls, DECIMAL(38,1) without
            + "02" + "6affffffffffffff" + "0000000000000000" // null bits (row 1), unscaled -150 and a zeroed null
            + "ffffffffffffffff" + "ffffffffffffffff" // -1 as 128 bits, low long first
            + "050010632d5ec76b" + "0500000000000000"); // 10^20 + 5 = 0x5_6bc75e2d63100005
    Batch decoded = BatchDecoder.decode(bytes, 0, bytes.length);
    assertThat(decoded.rows()).isEqualTo(Batch.of(compact, wide).rows());
    assertThat(decoded.column(0)).isInstanceOf(LongVector.class);
    assertThat(decoded.column(1)).isInstanceOf(DecimalVector.class);

    byte[] tooManyDigits = bytes.clone();
    tooManyDigits[ColumnarFormat.FIXED_HEADER_BYTES + 6] = 19; // column 1 as DECIMAL(19,1): 10^20 + 5 does not fit
    assertThatThrownBy(() -> BatchDecoder.decode(tooManyDigits, 0, tooManyDigits.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("more digits than decimal(19,1)");
    byte[] badPrecision = bytes.clone();
    badPrecision[ColumnarFormat.FIXED_HEADER_BYTES + 2] = 40;
    assertThatThrownBy(() -> BatchDecoder.decode(badPrecision, 0, badPrecision.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("column 0 is decimal(40,2)");
  }

  @Test
  void everyTruncationIsACorruptBlock() {
    byte[] bytes = encode(Batch.fromRows(RandomBatches.ALL_TYPES,
        RandomBatches.rows(new Random(SEED), RandomBatches.ALL_TYPES, 40, 4)));
    for (int length = 0; length < bytes.length; length++) {
      int cut = length;
      assertThatThrownBy(() -> BatchDecoder.decode(bytes, 0, cut))
          .as("cut at %d of %d (seed %d)", cut, bytes.length, SEED)
          .isInstanceOf(CorruptBlockException.class);
    }
  }

  @Test
  void anyDamagedByteGivesABatchOrACorruptBlockNeverAnotherError() {
    Random random = new Random(SEED);
    for (int round = 0; round < 20; round++) {
      Schema schema = RandomBatches.randomSchema(random, 8);
      byte[] bytes = encode(Batch.fromRows(schema, RandomBatches.rows(random, schema, random.nextInt(60), 3)));
      for (int position = 0; position < bytes.length; position++) {
        byte[] damaged = bytes.clone();
        damaged[position] ^= (byte) (1 + random.nextInt(255));
        Throwable thrown = catchThrowable(() -> BatchDecoder.decode(damaged, 0, damaged.length));
        if (thrown != null) {
          assertThat(thrown).as("byte %d of round %d, seed %d", position, round, SEED)
              .isInstanceOf(CorruptBlockException.class);
        }
        if (position < ColumnarFormat.FIXED_HEADER_BYTES - 8) {
          assertThat(thrown).as("magic and version are checked: byte %d", position).isNotNull();
        }
      }
    }
  }

  @Test
  void theHeaderIsCheckedAndEachProblemIsNamed() {
    byte[] bytes = encode(Batch.fromRows(RandomBatches.schemaOf(List.of(ColumnType.INT, ColumnType.STRING)),
        List.of(List.of(1, "xy"), List.of(2, "z"))));
    int firstColumn = ColumnarFormat.FIXED_HEADER_BYTES;

    // Version 1 (before DECIMAL and DICTIONARY) and versions from the future are both refused.
    byte[] version = bytes.clone();
    version[4] = 1;
    assertThatThrownBy(() -> BatchDecoder.decode(version, 0, version.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("unsupported codec version 1");
    byte[] futureVersion = bytes.clone();
    futureVersion[4] = 3;
    assertThatThrownBy(() -> BatchDecoder.decode(futureVersion, 0, futureVersion.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("unsupported codec version 3");

    byte[] magic = bytes.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> BatchDecoder.decode(magic, 0, magic.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("not an encoded batch");

    byte[] flags = bytes.clone();
    flags[firstColumn + 1] = 4;
    assertThatThrownBy(() -> BatchDecoder.decode(flags, 0, flags.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("column 0 has unknown flags 100");

    byte[] columns = bytes.clone();
    ByteArrayOutput.INTS.set(columns, 9, Integer.MAX_VALUE);
    assertThatThrownBy(() -> BatchDecoder.decode(columns, 0, columns.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("truncated");

    byte[] rows = bytes.clone();
    ByteArrayOutput.INTS.set(rows, 5, -3);
    assertThatThrownBy(() -> BatchDecoder.decode(rows, 0, rows.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("negative row count -3");

    byte[] decimal = bytes.clone();
    decimal[firstColumn] = ColumnarFormat.DECIMAL;
    decimal[firstColumn + 1] = 0;
    decimal[firstColumn + 2] = 0; // precision 0
    assertThatThrownBy(() -> BatchDecoder.decode(decimal, 0, decimal.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("column 0 is decimal(");
  }

  @Test
  void stringOffsetsAreCheckedBeforeUse() {
    byte[] bytes = encode(Batch.fromRows(RandomBatches.schemaOf(List.of(ColumnType.STRING)),
        List.of(List.of("ab"), List.of("cd"), List.of("e"))));
    int offsets = ColumnarFormat.FIXED_HEADER_BYTES + 2;

    byte[] backwards = bytes.clone();
    ByteArrayOutput.INTS.set(backwards, offsets + 8, 1); // row 1 would end before it starts
    assertThatThrownBy(() -> BatchDecoder.decode(backwards, 0, backwards.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("string 1 of column 0 ends at offset 1");

    byte[] shifted = bytes.clone();
    ByteArrayOutput.INTS.set(shifted, offsets, 1);
    assertThatThrownBy(() -> BatchDecoder.decode(shifted, 0, shifted.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("start at 1, not 0");

    byte[] beyond = bytes.clone();
    ByteArrayOutput.INTS.set(beyond, offsets + 12, 1_000_000);
    assertThatThrownBy(() -> BatchDecoder.decode(beyond, 0, beyond.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("string bytes of column 0");
  }

  @Test
  void randomGarbageIsACorruptBlock() {
    Random random = new Random(SEED);
    for (int round = 0; round < 500; round++) {
      byte[] garbage = new byte[random.nextInt(200)];
      random.nextBytes(garbage);
      if (garbage.length >= 5 && random.nextBoolean()) {
        // Past the magic and version, so the rest of the header is exercised too.
        ByteArrayOutput.INTS.set(garbage, 0, ColumnarFormat.MAGIC);
        garbage[4] = ColumnarFormat.VERSION;
      }
      Throwable thrown = catchThrowable(() -> BatchDecoder.decode(garbage, 0, garbage.length));
      if (thrown != null) {
        assertThat(thrown).as("round %d, seed %d", round, SEED).isInstanceOf(CorruptBlockException.class);
      }
    }
  }

  private static Batch encodePieces(List<Batch> pieces) {
    ByteArrayOutput out = new ByteArrayOutput(16);
    BatchEncoder.encode(pieces, 0, pieces.size(), out);
    return BatchDecoder.decode(out.array(), 0, out.length());
  }

  private static List<List<Object>> allRows(List<Batch> pieces) {
    List<List<Object>> rows = new ArrayList<>();
    for (Batch piece : pieces) {
      rows.addAll(piece.rows());
    }
    return rows;
  }

  /** Few distinct values, multi-byte ones among them, with nulls: what CSV dictionaries hold. */
  private static StringVector randomStrings(Random random, int rows, String[] values, int nullEvery) {
    String[] column = new String[rows];
    boolean[] nulls = new boolean[rows];
    for (int row = 0; row < rows; row++) {
      nulls[row] = nullEvery > 0 && random.nextInt(nullEvery) == 0;
      column[row] = nulls[row] ? null : values[random.nextInt(values.length)];
    }
    return new StringVector(ColumnType.STRING, column, nullEvery > 0 ? nulls : null, rows);
  }

  private static final String[] FEW = {"", "A", "N", "R", "é", "日本", "😀", "MAIL", "TRUCK", "a\u0000b"};

  @Test
  void aDictionaryColumnRoundTripsAsADictionaryAndPlainStaysPlain() {
    Random random = new Random(SEED);
    for (int nullEvery : new int[] {0, 2, 5}) {
      for (int rows : new int[] {1, 7, 300, 4096}) {
        StringVector plain = randomStrings(random, rows, FEW, nullEvery);
        StringVector dictionary = dev.ember.core.vector.StringLayouts.dictionaryEncoded(plain);
        String description = "%d rows, nullEvery %d, seed %d".formatted(rows, nullEvery, SEED);
        Batch decoded = roundTrip(Batch.of(dictionary, plain));
        assertThat(decoded.rows()).as(description).isEqualTo(Batch.of(plain, plain).rows());
        StringVector decodedDictionary = (StringVector) decoded.column(0);
        // Only a column whose rows are all null has no dictionary (it is plain and empty).
        assertThat(decodedDictionary.isDictionary()).as(description).isEqualTo(dictionary.isDictionary());
        if (dictionary.isDictionary()) {
          assertThat(decodedDictionary.dictionary().size()).as(description).isEqualTo(dictionary.dictionary().size());
        }
        assertThat(((StringVector) decoded.column(1)).isDictionary()).as(description).isFalse();
      }
    }
  }

  @Test
  void piecesWithDifferentDictionariesMergeIntoOneAndMixedPiecesGoPlain() {
    Random random = new Random(SEED);
    List<Batch> dictionaries = new ArrayList<>();
    List<Batch> mixed = new ArrayList<>();
    for (int piece = 0; piece < 6; piece++) {
      // Each piece sees its own subset of the values, in its own first-seen order.
      String[] subset = Arrays.copyOfRange(FEW, piece % 3, FEW.length - piece % 2);
      StringVector plain = randomStrings(random, 50 + random.nextInt(200), subset, piece % 2 == 0 ? 0 : 3);
      StringVector dictionary = dev.ember.core.vector.StringLayouts.dictionaryEncoded(plain);
      dictionaries.add(Batch.of(dictionary));
      mixed.add(Batch.of(piece == 3 ? plain : dictionary));
    }
    Batch merged = encodePieces(dictionaries);
    assertThat(merged.rows()).as("seed %d", SEED).isEqualTo(allRows(dictionaries));
    StringVector mergedColumn = (StringVector) merged.column(0);
    assertThat(mergedColumn.isDictionary()).isTrue();
    assertThat(mergedColumn.dictionary().size()).as("one entry per distinct value").isEqualTo(FEW.length);

    Batch plainBlock = encodePieces(mixed);
    assertThat(plainBlock.rows()).as("seed %d", SEED).isEqualTo(allRows(mixed));
    assertThat(((StringVector) plainBlock.column(0)).isDictionary()).isFalse();

    // Gathered pieces share their source's dictionary: written once, ids as they are.
    StringVector source = (StringVector) dictionaries.get(0).column(0);
    List<Batch> gathered = List.of(
        Batch.of(source.gather(new int[] {3, 1, 1, -1}, 4)), Batch.of(source.gather(new int[] {0, 2}, 2)));
    Batch shared = encodePieces(gathered);
    assertThat(shared.rows()).isEqualTo(allRows(gathered));
    assertThat(((StringVector) shared.column(0)).dictionary().size()).isEqualTo(source.dictionary().size());
  }

  @Test
  void aDictionaryIdOutOfRangeIsACorruptBlockNamingRowAndColumn() {
    StringVector dictionary = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {1, 0, 1},
        new StringVector(ColumnType.STRING, new String[] {"x", "yz"}, null, 2), null, 3);
    byte[] bytes = encode(Batch.of(dictionary));
    String hex = HexFormat.of().formatHex(bytes);
    assertThat(hex).isEqualTo("454d4243" + "02" + "03000000" + "01000000" + "0502" // STRING with DICTIONARY
        + "02000000" + "00000000" + "01000000" + "03000000" + "78797a" // 2 entries: offsets 0, 1, 3, "x" "yz"
        + "01000000" + "00000000" + "01000000"); // ids 1, 0, 1
    byte[] damaged = bytes.clone();
    damaged[bytes.length - 4] = 2;
    assertThatThrownBy(() -> BatchDecoder.decode(damaged, 0, damaged.length))
        .isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("row 2 of column 0 has dictionary id 2, outside [0, 2)");
    byte[] flagged = encode(Batch.of(new IntVector(ColumnType.INT, new int[] {1}, null, 1)));
    flagged[ColumnarFormat.FIXED_HEADER_BYTES + 1] = ColumnarFormat.DICTIONARY;
    assertThatThrownBy(() -> BatchDecoder.decode(flagged, 0, flagged.length))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("flagged as a dictionary column");
  }

  @Test
  void aDamagedDictionaryBlockGivesABatchOrACorruptBlockNeverAnotherError() {
    Random random = new Random(SEED);
    for (int round = 0; round < 10; round++) {
      StringVector plain = randomStrings(random, random.nextInt(40), FEW, round % 2 == 0 ? 0 : 3);
      byte[] bytes = encode(Batch.of(dev.ember.core.vector.StringLayouts.dictionaryEncoded(plain), plain));
      for (int position = 0; position < bytes.length; position++) {
        byte[] damaged = bytes.clone();
        damaged[position] ^= (byte) (1 + random.nextInt(255));
        Throwable thrown = catchThrowable(() -> BatchDecoder.decode(damaged, 0, damaged.length));
        if (thrown != null) {
          assertThat(thrown).as("byte %d of round %d, seed %d", position, round, SEED)
              .isInstanceOf(CorruptBlockException.class);
        }
      }
      for (int cut = 0; cut < bytes.length; cut++) {
        int length = cut;
        assertThat(catchThrowable(() -> BatchDecoder.decode(bytes, 0, length))).as("cut at %d", cut)
            .isInstanceOf(CorruptBlockException.class);
      }
    }
  }
}
