package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Concatenating string vectors keeps the dictionary layout; rows are checked against plain Java lists. */
class DictionaryMergeTest {
  private static final String[] WORDS = {"MAIL", "SHIP", "", "AIR", "REG AIR", "čokoláda", "日本", "emoji 😀", "RAIL"};

  private static StringVector plain(List<String> values) {
    return new StringVector(ColumnType.STRING, values.toArray(String[]::new), nulls(values), values.size());
  }

  private static boolean[] nulls(List<String> values) {
    boolean[] nulls = new boolean[values.size()];
    boolean any = false;
    for (int i = 0; i < nulls.length; i++) {
      nulls[i] = values.get(i) == null;
      any |= nulls[i];
    }
    return any ? nulls : null;
  }

  private static List<String> randomWords(Random random, int count, int distinct, double nullRate) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      values.add(random.nextDouble() < nullRate ? null : WORDS[random.nextInt(distinct)]);
    }
    return values;
  }

  private static List<Object> rows(ColumnVector vector) {
    List<Object> rows = new ArrayList<>();
    for (int row = 0; row < vector.size(); row++) {
      rows.add(vector.getObject(row));
    }
    return rows;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void partsWithTheirOwnDictionariesConcatenateIntoOneDictionaryVector(int seedOffset) {
    long seed = TestSeeds.seed(9300 + seedOffset);
    Random random = new Random(seed);
    List<ColumnVector> parts = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    int partCount = 2 + random.nextInt(6);
    for (int part = 0; part < partCount; part++) {
      // Parts see different subsets of the words (so their dictionaries differ), some empty or all null.
      List<String> values = randomWords(random, random.nextInt(5) == 0 ? 0 : 20 + random.nextInt(300),
          1 + random.nextInt(WORDS.length), random.nextInt(4) == 0 ? 0.3 : 0.0);
      StringVector vector = StringLayouts.dictionaryEncoded(plain(values));
      if (!vector.isDictionary()) {
        continue; // every row null (or none): the layout is plain; covered by the mixed-layout test
      }
      parts.add(vector);
      expected.addAll(values);
    }
    ColumnVector concatenated = ColumnVector.concat(ColumnType.STRING, parts);

    assertThat(rows(concatenated)).as(TestSeeds.describe(seed)).isEqualTo(expected);
    if (parts.size() > 1 && expected.size() >= 2 * WORDS.length) {
      assertThat(((StringVector) concatenated).isDictionary()).as(TestSeeds.describe(seed)).isTrue();
      assertThat(((StringVector) concatenated).dictionary().size()).isLessThanOrEqualTo(WORDS.length);
    }
  }

  @Test
  void partsSharingOneDictionaryKeepItAndTheirIds() {
    StringVector dictionary = plain(List.of("x", "y", "z"));
    StringVector first = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {2, 0, 0}, dictionary,
        new boolean[] {false, true, false}, 3);
    StringVector second = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {1, 1}, dictionary, null, 2);

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, List.of(first, second));

    assertThat(concatenated.dictionary()).isSameAs(dictionary);
    assertThat(rows(concatenated)).containsExactly("z", null, "x", "y", "y");
  }

  @Test
  void dictionaryIdsGoIntoTheScratchArrayWhenOneIsGiven() {
    List<ColumnVector> parts = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    Random random = new Random(TestSeeds.seed(9330));
    for (int part = 0; part < 3; part++) {
      List<String> values = randomWords(random, 100, WORDS.length, 0.1);
      parts.add(StringLayouts.dictionaryEncoded(plain(values)));
      expected.addAll(values);
    }
    ScratchArrays scratch = new ScratchArrays();
    int[] scratchIds = scratch.ints(300);
    scratch.reset(); // the next request of 300 ints hands out the same array

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, parts, scratch);

    assertThat(concatenated.ids()).isSameAs(scratchIds);
    assertThat(rows(concatenated)).isEqualTo(expected);
    StringVector withoutScratch = (StringVector) ColumnVector.concat(ColumnType.STRING, parts);
    assertThat(withoutScratch.ids()).isNotSameAs(scratchIds);
    assertThat(rows(withoutScratch)).isEqualTo(expected);
  }

  /**
   * The merged dictionary is sized by the entries it can receive, not by the most it may hold: a
   * scan's coalesced batch of a seven-value column (TPC-H's l_shipmode) used to allocate hash tables
   * for a thousand entries per column per batch. Allocation counted on this thread (exact per object).
   */
  @Test
  void mergingSmallDictionariesAllocatesForTheirEntriesOnly() {
    List<StringVector> parts = new ArrayList<>();
    Random random = new Random(TestSeeds.seed(9331));
    for (int part = 0; part < 8; part++) {
      parts.add(StringLayouts.dictionaryEncoded(plain(randomWords(random, 512, 7, 0.0))));
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    DictionaryMerge.of(parts, 2048); // loads and links the classes involved before counting

    long before = threads.getCurrentThreadAllocatedBytes();
    DictionaryMerge merge = DictionaryMerge.of(parts, 2048);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(merge).isNotNull();
    assertThat(merge.dictionary().size()).isEqualTo(7);
    // Tables for 2,048 entries take 24 KB in ints alone; for the 56 entries of the parts, about 1 KB.
    assertThat(allocated).isLessThan(8 * 1024);
  }

  @Test
  void aPlainPartMakesTheResultPlain() {
    StringVector dictionary = StringLayouts.dictionaryEncoded(plain(List.of("a", "b", "a", "b")));
    StringVector plainPart = plain(java.util.Arrays.asList("c", null, "a"));

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, List.of(dictionary, plainPart));

    assertThat(concatenated.isDictionary()).isFalse();
    assertThat(rows(concatenated)).containsExactly("a", "b", "a", "b", "c", null, "a");
  }

  @Test
  void aFewPlainRowsAmongDictionaryPartsJoinTheDictionary() {
    // Q14's broadcast of part: dictionary batches of p_type and one short batch left plain.
    Random random = new Random(TestSeeds.seed(9310));
    List<ColumnVector> parts = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (int part = 0; part < 12; part++) {
      List<String> values = randomWords(random, 200, 4 + random.nextInt(WORDS.length - 4), 0.05);
      parts.add(StringLayouts.dictionaryEncoded(plain(values)));
      expected.addAll(values);
    }
    // Plain rows: multi-byte, empty, null, and a value no dictionary part holds.
    List<String> stray = java.util.Arrays.asList("日本", "", null, "only here", "emoji 😀", "only here");
    parts.add(6, plain(stray));
    expected.addAll(6 * 200, stray);

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, parts);

    assertThat(concatenated.isDictionary()).isTrue();
    assertThat(concatenated.dictionary().size()).isLessThanOrEqualTo(WORDS.length + 1);
    assertThat(rows(concatenated)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void mixedLayoutsConcatenateToTheSameRowsWhicheverLayoutComesOut(int seedOffset) {
    long seed = TestSeeds.seed(9320 + seedOffset);
    Random random = new Random(seed);
    List<ColumnVector> parts = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    int plainRows = 0;
    int partCount = 2 + random.nextInt(10);
    for (int part = 0; part < partCount; part++) {
      List<String> values = randomWords(random, random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(300),
          1 + random.nextInt(WORDS.length), random.nextInt(3) == 0 ? 0.2 : 0.0);
      StringVector vector = random.nextInt(3) == 0 ? plain(values) : StringLayouts.dictionaryEncoded(plain(values));
      plainRows += vector.isDictionary() ? 0 : values.size();
      parts.add(vector);
      expected.addAll(values);
    }
    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, parts);

    assertThat(rows(concatenated)).as(TestSeeds.describe(seed)).isEqualTo(expected);
    boolean anyValue = expected.stream().anyMatch(java.util.Objects::nonNull);
    if (parts.size() > 1 && plainRows > 0 && plainRows * 4 <= expected.size() && anyValue
        && expected.size() >= 2 * WORDS.length) {
      assertThat(concatenated.isDictionary()).as(TestSeeds.describe(seed) + ": a few plain rows join the dictionary").isTrue();
    }
    if (plainRows * 4 > expected.size()) {
      assertThat(concatenated.isDictionary()).as(TestSeeds.describe(seed) + ": a plain column stays plain").isFalse();
    }
  }

  @Test
  void plainPartsWithMoreDistinctValuesThanTheDictionaryMayHoldStayPlain() {
    List<ColumnVector> parts = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (int part = 0; part < 8; part++) {
      List<String> values = new ArrayList<>();
      for (int row = 0; row < 10; row++) {
        values.add(WORDS[row % 3]);
      }
      parts.add(StringLayouts.dictionaryEncoded(plain(values)));
      expected.addAll(values);
    }
    // 20 plain rows of distinct values among 100: over the 50 entries a 100-row dictionary may hold.
    List<String> distinct = new ArrayList<>();
    for (int row = 0; row < 20; row++) {
      distinct.add("value " + row);
    }
    List<String> more = new ArrayList<>();
    for (int row = 0; row < 60; row++) {
      more.add("other " + row);
    }
    parts.add(plain(distinct));
    parts.add(StringLayouts.dictionaryEncoded(plain(more)));
    expected.addAll(distinct);
    expected.addAll(more);

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, parts);

    assertThat(concatenated.isDictionary()).isFalse();
    assertThat(rows(concatenated)).isEqualTo(expected);
  }

  @Test
  void mostlyDistinctValuesAreCopiedPlainly() {
    // 8 rows, 8 distinct values: a dictionary would hold more than one entry per two rows.
    StringVector first = StringLayouts.dictionaryEncoded(plain(List.of("a", "b", "c", "d")));
    StringVector second = StringLayouts.dictionaryEncoded(plain(List.of("e", "f", "g", "h")));

    StringVector concatenated = (StringVector) ColumnVector.concat(ColumnType.STRING, List.of(first, second));

    assertThat(concatenated.isDictionary()).isFalse();
    assertThat(rows(concatenated)).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
  }

  @Test
  void theMergeRemapsEachPartsIdsToOneDictionary() {
    StringVector first = StringLayouts.dictionaryEncoded(plain(List.of("b", "a")));
    StringVector second = StringLayouts.dictionaryEncoded(plain(List.of("a", "c", "b")));

    DictionaryMerge merge = DictionaryMerge.of(List.of(first, second), 16);

    assertThat(rows(merge.dictionary())).containsExactly("b", "a", "c");
    assertThat(merge.mergedId(0, 0)).isEqualTo(0);
    assertThat(merge.mergedId(1, 0)).isEqualTo(1);
    assertThat(merge.mergedId(1, 1)).isEqualTo(2);
    assertThat(DictionaryMerge.of(List.of(first, second), 2)).isNull();
  }
}
