package dev.ember.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.storage.CompressedColumn.ByteIds;
import dev.ember.core.storage.CompressedColumn.ByteOffsets;
import dev.ember.core.storage.CompressedColumn.IntOffsets;
import dev.ember.core.storage.CompressedColumn.PassThrough;
import dev.ember.core.storage.CompressedColumn.ShortIds;
import dev.ember.core.storage.CompressedColumn.ShortOffsets;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each column type survives compress + widen row for row (nulls, empty, boundaries of every width),
 * the narrowest form is chosen exactly at the boundaries of 1, 2 and 4 bytes and of 256 and 65,536
 * dictionary entries, and the reported bytes are the compressed arrays'.
 */
class ColumnCompressionTest {
  private static final ColumnType COMPACT_DECIMAL = ColumnType.decimal(15, 2);
  private static final ColumnType WIDE_DECIMAL = ColumnType.decimal(32, 4);

  /** The rows of a vector as Java values, independent of its layout. */
  private static List<Object> values(ColumnVector vector) {
    List<Object> values = new ArrayList<>(vector.size());
    for (int row = 0; row < vector.size(); row++) {
      values.add(vector.getObject(row));
    }
    return values;
  }

  private static ColumnVector roundTrip(ColumnVector vector) {
    ColumnVector widened = ColumnCompression.widen(ColumnCompression.compress(vector));
    assertThat(widened.type()).isEqualTo(vector.type());
    assertThat(widened.size()).isEqualTo(vector.size());
    assertThat(values(widened)).isEqualTo(values(vector));
    return widened;
  }

  private static boolean[] randomNulls(Random random, int size, boolean withNulls) {
    if (!withNulls) {
      return null;
    }
    boolean[] nulls = new boolean[size];
    for (int i = 0; i < size; i++) {
      nulls[i] = random.nextInt(5) == 0;
    }
    return nulls;
  }

  private static LongVector longs(ColumnType type, long... values) {
    return new LongVector(type, values, null, values.length);
  }

  private static IntVector ints(ColumnType type, int... values) {
    return new IntVector(type, values, null, values.length);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void integralColumnsOfEveryWidthRoundTripWithTheirExactSlots(boolean withNulls) {
    Random random = new Random(TestSeeds.seed(11));
    int size = 4096;
    // Ranges of 1, 2, 4 and 8 bytes above a random base, for each LONG-backed type.
    long[] spans = {200, 60_000, 3_000_000_000L, Long.MAX_VALUE};
    for (ColumnType type : List.of(ColumnType.LONG, ColumnType.TIMESTAMP, COMPACT_DECIMAL)) {
      for (long span : spans) {
        long base = random.nextLong() / 4;
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
          values[i] = span == Long.MAX_VALUE ? random.nextLong() : base + (long) (random.nextDouble() * span);
        }
        if (type.equals(COMPACT_DECIMAL)) {
          // Unscaled values of DECIMAL(15,2) stay below 10^15.
          for (int i = 0; i < size; i++) {
            values[i] = values[i] % 999_999_999_999_999L;
          }
        }
        LongVector vector = new LongVector(type, values, randomNulls(random, size, withNulls), size);
        LongVector widened = (LongVector) roundTrip(vector);
        // Null slots too: a kernel may read a null slot's value and ignore it.
        assertThat(Arrays.copyOf(widened.values, size)).isEqualTo(values);
      }
    }
    for (ColumnType type : List.of(ColumnType.INT, ColumnType.DATE)) {
      for (long span : new long[] {255, 65_535, 1L << 32}) {
        int[] values = new int[size];
        int base = random.nextInt(1000) - 500;
        for (int i = 0; i < size; i++) {
          values[i] = span == 1L << 32 ? random.nextInt() : base + random.nextInt((int) span + 1);
        }
        IntVector widened = (IntVector) roundTrip(new IntVector(type, values, randomNulls(random, size, withNulls), size));
        assertThat(Arrays.copyOf(widened.values, size)).isEqualTo(values);
      }
    }
  }

  @Test
  void theFormIsTheNarrowestThatHoldsTheRange() {
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, 7, 7 + 255))).isInstanceOf(ByteOffsets.class);
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, 7, 7 + 256))).isInstanceOf(ShortOffsets.class);
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, -9, -9 + 65_535))).isInstanceOf(ShortOffsets.class);
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, -9, -9 + 65_536))).isInstanceOf(IntOffsets.class);
    assertThat(ColumnCompression.compress(ints(ColumnType.INT, 0, 255))).isInstanceOf(ByteOffsets.class);
    assertThat(ColumnCompression.compress(ints(ColumnType.DATE, 0, 256))).isInstanceOf(ShortOffsets.class);
    assertThat(ColumnCompression.compress(ints(ColumnType.INT, 0, 65_536))).isInstanceOf(PassThrough.class);
    // Far from zero: the base carries the magnitude.
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, Long.MAX_VALUE - 255, Long.MAX_VALUE)))
        .isInstanceOf(ByteOffsets.class);
    assertThat(ColumnCompression.compress(longs(ColumnType.LONG, Long.MIN_VALUE, Long.MIN_VALUE + 1)))
        .isInstanceOf(ByteOffsets.class);
  }

  @Test
  void valuesAtTheIntBoundariesNarrowToFourBytesAndOneBeyondDoesNot() {
    long min = Integer.MIN_VALUE;
    long max = Integer.MAX_VALUE;
    long[][] narrowed = {{min, max, 0}, {min, max}, {0, max - min}, {-1, max - min - 1}};
    for (long[] values : narrowed) {
      CompressedColumn column = ColumnCompression.compress(longs(ColumnType.LONG, values));
      assertThat(column).as(Arrays.toString(values)).isInstanceOf(IntOffsets.class);
      assertThat(values(ColumnCompression.widen(column))).isEqualTo(values(longs(ColumnType.LONG, values)));
    }
    long[][] kept = {{min - 1, max}, {min, max + 1}, {Long.MIN_VALUE, Long.MAX_VALUE}, {-1, Long.MAX_VALUE},
        {Long.MIN_VALUE, 0}};
    for (long[] values : kept) {
      CompressedColumn column = ColumnCompression.compress(longs(ColumnType.LONG, values));
      assertThat(column).as(Arrays.toString(values)).isInstanceOf(PassThrough.class);
      assertThat(values(ColumnCompression.widen(column))).isEqualTo(values(longs(ColumnType.LONG, values)));
    }
    // INT columns: the full int range round-trips (kept as ints).
    roundTrip(ints(ColumnType.INT, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1));
    roundTrip(ints(ColumnType.INT, Integer.MAX_VALUE - 255, Integer.MAX_VALUE));
    roundTrip(ints(ColumnType.INT, Integer.MIN_VALUE, Integer.MIN_VALUE + 65_535));
    assertThat(ColumnCompression.compress(ints(ColumnType.INT, Integer.MAX_VALUE - 255, Integer.MAX_VALUE)))
        .isInstanceOf(ByteOffsets.class);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void wideDecimalsNarrowWhenEveryValueFitsALongAndRoundTrip(boolean withNulls) {
    Random random = new Random(TestSeeds.seed(12));
    int size = 1000;
    BigDecimal[] small = new BigDecimal[size];
    BigDecimal[] large = new BigDecimal[size];
    for (int i = 0; i < size; i++) {
      small[i] = BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 4);
      large[i] = small[i];
    }
    large[size / 2] = new BigDecimal(BigInteger.TEN.pow(30).negate(), 4);
    boolean[] nulls = randomNulls(random, size, withNulls);
    if (nulls != null) {
      nulls[size / 2] = false;
    }
    DecimalVector narrowable = DecimalVector.of(WIDE_DECIMAL, small, nulls, size);
    assertThat(ColumnCompression.compress(narrowable)).isInstanceOf(IntOffsets.class);
    DecimalVector widened = (DecimalVector) roundTrip(narrowable);
    assertThat(widened.high).isEqualTo(Arrays.copyOf(narrowable.high, size));
    assertThat(widened.low).isEqualTo(Arrays.copyOf(narrowable.low, size));
    DecimalVector wide = DecimalVector.of(WIDE_DECIMAL, large, nulls, size);
    assertThat(ColumnCompression.compress(wide)).isInstanceOf(PassThrough.class);
    roundTrip(wide);
    // A value of exactly Long.MIN_VALUE unscaled fits a long; one below does not.
    BigInteger longMin = BigInteger.valueOf(Long.MIN_VALUE);
    DecimalVector edge = DecimalVector.of(WIDE_DECIMAL, new BigDecimal[] {new BigDecimal(longMin, 4), BigDecimal.ZERO.setScale(4)}, null, 2);
    assertThat(ColumnCompression.compress(edge)).isInstanceOf(PassThrough.class);
    DecimalVector fits = DecimalVector.of(WIDE_DECIMAL,
        new BigDecimal[] {new BigDecimal(longMin, 4), new BigDecimal(longMin.add(BigInteger.valueOf(300)), 4)}, null, 2);
    assertThat(ColumnCompression.compress(fits)).isInstanceOf(ShortOffsets.class);
    roundTrip(fits);
    DecimalVector beyond = DecimalVector.of(WIDE_DECIMAL,
        new BigDecimal[] {new BigDecimal(longMin.subtract(BigInteger.ONE), 4), new BigDecimal(longMin, 4)}, null, 2);
    assertThat(ColumnCompression.compress(beyond)).isInstanceOf(PassThrough.class);
    roundTrip(beyond);
  }

  private static StringVector dictionaryColumn(Random random, int entries, int size, boolean withNulls) {
    String[] dictionary = new String[entries];
    for (int i = 0; i < entries; i++) {
      dictionary[i] = "v" + i + (i % 3 == 0 ? "é" : "");
    }
    int[] ids = new int[size];
    boolean[] nulls = randomNulls(random, size, withNulls);
    for (int i = 0; i < size; i++) {
      // Every entry appears, the last one included.
      ids[i] = nulls != null && nulls[i] ? 0 : (i < entries ? i : random.nextInt(entries));
    }
    if (nulls != null) {
      for (int i = 0; i < Math.min(entries, size); i++) {
        nulls[i] = false;
        ids[i] = i;
      }
    }
    return StringVector.dictionaryEncoded(ColumnType.STRING, ids,
        new StringVector(ColumnType.STRING, dictionary, null, entries), nulls, size);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void dictionaryIdsTakeOneByteUpTo256EntriesAndTwoUpTo65536(boolean withNulls) {
    Random random = new Random(TestSeeds.seed(13));
    int[] entryCounts = {1, 255, 256, 257, 65_536, 65_537};
    List<Class<?>> forms = List.of(ByteIds.class, ByteIds.class, ByteIds.class, ShortIds.class, ShortIds.class, PassThrough.class);
    for (int i = 0; i < entryCounts.length; i++) {
      int entries = entryCounts[i];
      StringVector vector = dictionaryColumn(random, entries, Math.max(4096, entries), withNulls);
      CompressedColumn column = ColumnCompression.compress(vector);
      assertThat(column).as(entries + " entries").isInstanceOf(forms.get(i));
      StringVector widened = (StringVector) roundTrip(vector);
      assertThat(widened.isDictionary()).isTrue();
      assertThat(widened.dictionary()).isSameAs(vector.dictionary());
      assertThat(Arrays.copyOf(widened.ids(), vector.size())).isEqualTo(Arrays.copyOf(vector.ids(), vector.size()));
    }
  }

  /**
   * A batch of a column the way a CSV reader encodes it: its own dictionary of the distinct values
   * of {@code pool} its rows draw (in first-seen order), or null rows only.
   */
  private static StringVector readerBatch(Random random, String[] pool, int size, boolean withNulls) {
    boolean[] nulls = randomNulls(random, size, withNulls);
    Map<String, Integer> idOf = new LinkedHashMap<>();
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      if (nulls == null || !nulls[i]) {
        ids[i] = idOf.computeIfAbsent(pool[random.nextInt(pool.length)], value -> idOf.size());
      }
    }
    String[] entries = idOf.keySet().toArray(String[]::new);
    return StringVector.dictionaryEncoded(ColumnType.STRING, ids,
        new StringVector(ColumnType.STRING, entries, null, entries.length), nulls, size);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBlocksDictionaryBatchesShareOneMergedDictionaryAndKeepTheirRows(boolean withNulls) {
    Random random = new Random(TestSeeds.seed(17));
    String[] pool = new String[40];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = "mode " + i + (i % 4 == 0 ? " ü" : "");
    }
    pool[5] = "";
    List<ColumnVector> parts = new ArrayList<>();
    for (int b = 0; b < 6; b++) {
      // Each batch draws from a window of the pool, so the batches' dictionaries differ in entries and order.
      String[] window = Arrays.copyOfRange(pool, b * 5, b * 5 + 12);
      parts.add(dictionaryOf(readerBatch(random, window, 300 + 50 * b, withNulls)));
    }
    // A batch left plain among them (a reader's short last batch), a batch of nulls only (a plain
    // vector too) and an empty one: few rows, so they join the shared dictionary.
    parts.add(2, new StringVector(ColumnType.STRING, new String[] {"plain", null, "mode 3"}, new boolean[] {false, true, false}, 3));
    parts.add(new StringVector(ColumnType.STRING, new String[] {null, null}, new boolean[] {true, true}, 2));
    parts.add(new StringVector(ColumnType.STRING, new String[0], null, 0));
    assertSharedDictionary(parts, true);

    // Plain rows beyond a quarter of the block's: a plain column more than a stray batch, kept plain.
    List<ColumnVector> mostlyPlain = new ArrayList<>(parts.subList(0, 3));
    String[] many = new String[1000];
    Arrays.fill(many, "mode 1");
    mostlyPlain.add(new StringVector(ColumnType.STRING, many, null, many.length));
    assertSharedDictionary(mostlyPlain, false);
  }

  /** Checks the block's rows and that its dictionary parts (all parts when {@code plainJoin}) share one dictionary. */
  private static void assertSharedDictionary(List<ColumnVector> parts, boolean plainJoin) {
    CompressedColumn[] block = ColumnCompression.compressColumn(parts);

    assertThat(block).hasSize(parts.size());
    StringVector shared = null;
    for (int i = 0; i < parts.size(); i++) {
      ColumnVector part = parts.get(i);
      ColumnVector widened = ColumnCompression.widen(block[i]);
      assertThat(values(widened)).as("batch " + i).isEqualTo(values(part));
      if (plainJoin || part instanceof StringVector strings && strings.isDictionary()) {
        assertThat(block[i]).isInstanceOf(ByteIds.class);
        StringVector dictionary = ((StringVector) widened).dictionary();
        shared = shared == null ? dictionary : shared;
        assertThat(dictionary).as("batch " + i).isSameAs(shared);
        int[] ids = ((StringVector) widened).ids();
        for (int row = 0; row < widened.size(); row++) {
          if (widened.isNull(row)) {
            assertThat(ids[row]).as("null row " + row + " of batch " + i).isZero();
          }
        }
        if (widened.size() == 0) {
          continue;
        }
        // The positions a filter keeps widen against the shared dictionary too.
        int[] positions = {0, widened.size() / 2, widened.size() - 1};
        ColumnVector selected = block[i].widenAt(positions, positions.length, null);
        assertThat(((StringVector) selected).dictionary()).isSameAs(shared);
        for (int k = 0; k < positions.length; k++) {
          assertThat(selected.getObject(k)).isEqualTo(part.getObject(positions[k]));
        }
      } else {
        assertThat(block[i]).as("batch " + i).isInstanceOf(PassThrough.class);
      }
    }
    assertThat(shared).isNotNull();
    // As many entries as distinct non-null values of the parts that share it.
    Set<Object> distinct = new HashSet<>();
    parts.stream().filter(part -> plainJoin || ((StringVector) part).isDictionary()).forEach(part -> distinct.addAll(values(part)));
    distinct.remove(null);
    assertThat(shared.size()).isEqualTo(distinct.size());
  }

  private static StringVector dictionaryOf(StringVector vector) {
    assertThat(vector.isDictionary()).as("the reader's batch is dictionary-encoded").isTrue();
    return vector;
  }

  @Test
  void batchesWhoseMergedDictionaryWouldPass256EntriesKeepTheirOwn() {
    Random random = new Random(TestSeeds.seed(18));
    List<ColumnVector> parts = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      String[] pool = new String[100];
      for (int i = 0; i < pool.length; i++) {
        pool[i] = "batch " + b + " value " + i;
      }
      parts.add(dictionaryColumn(pool, random, 2000));
    }
    CompressedColumn[] block = ColumnCompression.compressColumn(parts);
    for (int i = 0; i < parts.size(); i++) {
      StringVector widened = (StringVector) ColumnCompression.widen(block[i]);
      assertThat(widened.dictionary()).isSameAs(((StringVector) parts.get(i)).dictionary());
      assertThat(values(widened)).isEqualTo(values(parts.get(i)));
    }
    // Two of them alone merge (200 entries).
    CompressedColumn[] two = ColumnCompression.compressColumn(parts.subList(0, 2));
    assertThat(((StringVector) ColumnCompression.widen(two[0])).dictionary())
        .isSameAs(((StringVector) ColumnCompression.widen(two[1])).dictionary())
        .satisfies(dictionary -> assertThat(dictionary.size()).isEqualTo(200));
  }

  private static StringVector dictionaryColumn(String[] entries, Random random, int size) {
    int[] ids = new int[size];
    for (int i = 0; i < size; i++) {
      ids[i] = i < entries.length ? i : random.nextInt(entries.length);
    }
    return StringVector.dictionaryEncoded(ColumnType.STRING, ids,
        new StringVector(ColumnType.STRING, entries, null, entries.length), null, size);
  }

  @Test
  void aBlockCountsTheDictionaryItsBatchesShareOnce() {
    Random random = new Random(TestSeeds.seed(19));
    String[] pool = {"AIR", "MAIL", "SHIP", "TRUCK", "RAIL", "FOB", "REG AIR"};
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < 4; b++) {
      long[] keys = new long[1000];
      Arrays.fill(keys, b);
      batches.add(Batch.of(new LongVector(ColumnType.LONG, keys, null, keys.length), dictionaryOf(readerBatch(random, pool, 1000, b == 1))));
    }
    List<CachedBatch> block = CachedBatch.compressBlock(batches);
    assertThat(block).hasSize(4);
    StringVector shared = block.get(0).column(1).dictionaryOrNull();
    long expected = 0;
    for (int b = 0; b < 4; b++) {
      assertThat(block.get(b).widen().rows()).isEqualTo(batches.get(b).rows());
      assertThat(block.get(b).column(1).dictionaryOrNull()).isSameAs(shared);
      expected += block.get(b).bytes() - shared.retainedBytes();
    }
    assertThat(CachedBatch.blockBytes(block)).isEqualTo(expected + shared.retainedBytes());
    assertThat(CachedBatch.compressBlock(List.of())).isEmpty();
    assertThat(CachedBatch.blockBytes(List.of())).isZero();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void plainStringsDoublesAndBooleansPassThroughTrimmedToTheirRows(boolean withNulls) {
    Random random = new Random(TestSeeds.seed(14));
    int size = 3000;
    // Built like a reader builds them: arrays with spare capacity.
    VectorBuilder strings = VectorBuilder.forType(ColumnType.STRING, 16);
    VectorBuilder doubles = VectorBuilder.forType(ColumnType.DOUBLE, 16);
    VectorBuilder booleans = VectorBuilder.forType(ColumnType.BOOLEAN, 16);
    for (int i = 0; i < size; i++) {
      boolean isNull = withNulls && random.nextInt(6) == 0;
      strings.appendObject(isNull ? null : "row " + random.nextInt(100_000) + "ü".repeat(random.nextInt(3)));
      doubles.appendObject(isNull ? null : random.nextInt(50) == 0 ? Double.NaN : random.nextGaussian());
      booleans.appendObject(isNull ? null : random.nextBoolean());
    }
    for (VectorBuilder builder : List.of(strings, doubles, booleans)) {
      ColumnVector vector = builder.build();
      CompressedColumn column = ColumnCompression.compress(vector);
      assertThat(column).isInstanceOf(PassThrough.class);
      ColumnVector stored = ((PassThrough) column).vector();
      switch (stored) {
        case StringVector plain -> assertThat(plain.data()).hasSize(plain.end(size - 1));
        case DoubleVector plain -> assertThat(plain.values).hasSize(size);
        case BooleanVector plain -> assertThat(plain.values).hasSize(size);
        default -> throw new AssertionError(stored);
      }
      roundTrip(vector);
    }
    // Offsets that do not start at 0, bytes before and after the rows: only the rows' bytes are kept.
    byte[] bytes = "--abcdéf--".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StringVector offset = new StringVector(ColumnType.STRING, bytes, new int[] {2, 4, 4, 9}, new boolean[] {false, true, false}, 3);
    assertThat(values(roundTrip(offset))).containsExactly("ab", null, "cdéf");
    assertThat(((StringVector) ((PassThrough) ColumnCompression.compress(offset)).vector()).data()).hasSize(7);
  }

  @Test
  void emptyColumnsOfEveryTypeRoundTrip() {
    for (ColumnType type : List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.DATE, ColumnType.LONG, ColumnType.TIMESTAMP,
        ColumnType.DOUBLE, ColumnType.STRING, COMPACT_DECIMAL, WIDE_DECIMAL)) {
      ColumnVector empty = VectorBuilder.forType(type, 0).build();
      roundTrip(empty);
    }
    StringVector emptyDictionary = StringVector.dictionaryEncoded(ColumnType.STRING, new int[0],
        new StringVector(ColumnType.STRING, new String[] {"a"}, null, 1), null, 0);
    roundTrip(emptyDictionary);
  }

  @Test
  void allNullColumnsRoundTrip() {
    for (ColumnType type : List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.DATE, ColumnType.LONG, ColumnType.TIMESTAMP,
        ColumnType.DOUBLE, ColumnType.STRING, COMPACT_DECIMAL, WIDE_DECIMAL)) {
      roundTrip(ColumnVector.allNulls(type, 130));
    }
  }

  @Test
  void reportedBytesAreTheCompressedArrays() {
    int size = 4096;
    long[] small = new long[size];
    for (int i = 0; i < size; i++) {
      small[i] = 1_000_000 + i * 37L;
    }
    LongVector vector = new LongVector(ColumnType.LONG, small, null, size);
    CompressedColumn column = ColumnCompression.compress(vector);
    assertThat(column).isInstanceOf(IntOffsets.class);
    assertThat(column.bytes()).isEqualTo(4L * size);
    boolean[] nulls = new boolean[size];
    nulls[17] = true;
    CompressedColumn withNull = ColumnCompression.compress(new LongVector(ColumnType.LONG, small, nulls, size));
    // A bit per row for validity.
    assertThat(withNull.bytes()).isEqualTo(4L * size + size / 8);
    StringVector flags = dictionaryColumn(new Random(TestSeeds.seed(15)), 3, size, false);
    assertThat(ColumnCompression.compress(flags).bytes()).isEqualTo(size + flags.dictionary().retainedBytes());
    Batch batch = Batch.of(vector, flags);
    assertThat(CachedBatch.compress(batch).bytes()).isEqualTo(4L * size + size + flags.dictionary().retainedBytes());
  }

  @Test
  void aCachedBatchWidensOnlyTheColumnsAskedForInTheirOrder() {
    Random random = new Random(TestSeeds.seed(16));
    int size = 500;
    long[] keys = new long[size];
    int[] days = new int[size];
    for (int i = 0; i < size; i++) {
      keys[i] = random.nextInt(1_000_000);
      days[i] = 8000 + random.nextInt(2500);
    }
    Batch batch = Batch.of(new LongVector(ColumnType.LONG, keys, null, size), new IntVector(ColumnType.DATE, days, null, size),
        dictionaryColumn(random, 7, size, true));
    CachedBatch cached = CachedBatch.compress(batch);
    Batch projected = cached.widen(new int[] {2, 0});
    assertThat(projected.columnCount()).isEqualTo(2);
    assertThat(projected.rowCount()).isEqualTo(size);
    assertThat(values(projected.column(0))).isEqualTo(values(batch.column(2)));
    assertThat(values(projected.column(1))).isEqualTo(values(batch.column(0)));
    assertThat(cached.widen().rows()).isEqualTo(batch.rows());
    // No columns at all (a count over a cached relation keeps one, but the batch must still count rows).
    assertThat(cached.widen(new int[0]).rowCount()).isEqualTo(size);
  }

  @Test
  void aPlainStringVectorHoldingExactlyItsRowsIsKeptAsItIsAndOthersAreTrimmedCopies() {
    byte[] bytes = "ééabcxyz".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // The CSV reader's shape: size + 1 offsets from 0, as many bytes as the rows hold; a null row.
    StringVector exact = new StringVector(ColumnType.STRING, bytes, new int[] {0, 4, 7, 7, 10}, new boolean[] {false, false, true, false}, 4);
    assertThat(exact.isExactPlain()).isTrue();
    ColumnVector kept = ColumnCompression.compress(exact).widen();
    assertThat(((StringVector) kept).data()).isSameAs(bytes);
    assertThat(values(kept)).containsExactly("éé", "abc", null, "xyz");
    // A slice shares its parent's bytes and starts past 0: stored as a copy of its own rows only.
    StringVector slice = exact.slice(1, 4);
    assertThat(slice.isExactPlain()).isFalse();
    StringVector copied = (StringVector) ColumnCompression.compress(slice).widen();
    assertThat(copied.data()).isNotSameAs(bytes).hasSize(6);
    assertThat(values(copied)).containsExactly("abc", null, "xyz");
    // Offsets longer than the rows (a builder's): copied too.
    StringVector longOffsets = new StringVector(ColumnType.STRING, bytes, new int[] {0, 4, 7, 7, 10, 10, 10}, null, 4);
    assertThat(longOffsets.isExactPlain()).isFalse();
    assertThat(((StringVector) ColumnCompression.compress(longOffsets).widen()).data()).isNotSameAs(bytes);
  }
}
