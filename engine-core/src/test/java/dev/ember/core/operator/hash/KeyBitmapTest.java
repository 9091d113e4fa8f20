package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.vector.LongPages;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link KeyBitmap#covering} over an array and over pages against a set of the keys. */
class KeyBitmapTest {

  @ParameterizedTest(name = "{0} keys")
  @ValueSource(ints = {1, 100, LongPages.PAGE_LONGS, 3 * LongPages.PAGE_LONGS + 17})
  void pagedAndFlatKeysGiveTheSameBitmapAsASet(int count) {
    long seed = TestSeeds.seed(9500 + count);
    Random random = new Random(seed);
    long base = random.nextBoolean() ? -1_000_000 : 5_000_000_000L;
    long[][] pages = LongPages.ensure(LongPages.empty(), count);
    long[] flat = new long[count];
    for (int i = 0; i < count; i++) {
      flat[i] = base + random.nextInt(4 * count + 1);
      pages[i >>> LongPages.PAGE_BITS][i & LongPages.PAGE_MASK] = flat[i];
    }
    // The skipped index (a table's null key id) holds a value far outside, which must not widen the range.
    int skipped = count > 1 ? random.nextInt(count) : -1;
    if (skipped >= 0) {
      flat[skipped] = Long.MIN_VALUE;
      pages[skipped >>> LongPages.PAGE_BITS][skipped & LongPages.PAGE_MASK] = Long.MIN_VALUE;
    }
    Set<Long> keys = new HashSet<>();
    for (int i = 0; i < count; i++) {
      if (i != skipped) {
        keys.add(flat[i]);
      }
    }

    KeyBitmap fromPages = KeyBitmap.covering(pages, LongPages.PAGE_BITS, count, skipped, 1L << 30);
    KeyBitmap fromArray = KeyBitmap.covering(flat, count, skipped, 1L << 30);

    assertThat(fromPages).as(TestSeeds.describe(seed)).isNotNull();
    long lowestKey = keys.stream().mapToLong(Long::longValue).min().getAsLong();
    long highestKey = keys.stream().mapToLong(Long::longValue).max().getAsLong();
    assertThat(fromPages.lowest()).isEqualTo(lowestKey - KeyBitmap.MARGIN);
    assertThat(fromPages.bits()).isEqualTo(highestKey - lowestKey + 1 + 2 * KeyBitmap.MARGIN);
    assertThat(fromPages.bits()).isEqualTo(fromArray.bits());
    assertThat(fromPages.words()).isEqualTo(fromArray.words());
    for (long key = fromPages.lowest() - 2; key < fromPages.lowest() + fromPages.bits() + 2; key++) {
      assertThat(fromPages.contains(key)).as("key %d", key).isEqualTo(keys.contains(key));
    }
  }

  /**
   * The margin: clear bits on each side, so that every 2-byte offset from a base in the key range
   * falls inside; none where it would overflow a long, the set the same either way.
   */
  @Test
  void clearMarginsSurroundTheKeysUnlessALongWouldOverflow() {
    KeyBitmap small = KeyBitmap.covering(new long[] {7, 9_990}, 2, -1, 1_000_000);
    assertThat(small.lowest()).isEqualTo(7 - KeyBitmap.MARGIN);
    assertThat(small.lowest() + small.bits() - 1).isEqualTo(9_990 + KeyBitmap.MARGIN);
    for (long base = 7; base <= 9_990; base += 997) {
      assertThat(base - small.lowest()).isNotNegative();
      assertThat(base + 0xFFFF - small.lowest()).isLessThan(small.bits());
    }
    assertThat(small.contains(7)).isTrue();
    assertThat(small.contains(9_990)).isTrue();
    assertThat(small.contains(8)).isFalse();
    assertThat(small.contains(6)).isFalse();
    assertThat(small.contains(9_991)).isFalse();

    KeyBitmap nearLowest = KeyBitmap.covering(new long[] {Long.MIN_VALUE + 5, Long.MIN_VALUE + 70}, 2, -1, 1_000);
    assertThat(nearLowest.lowest()).isEqualTo(Long.MIN_VALUE + 5);
    assertThat(nearLowest.bits()).isEqualTo(66);
    assertThat(nearLowest.contains(Long.MIN_VALUE + 70)).isTrue();
    KeyBitmap nearHighest = KeyBitmap.covering(new long[] {Long.MAX_VALUE - 3, Long.MAX_VALUE}, 2, -1, 1_000);
    assertThat(nearHighest.lowest()).isEqualTo(Long.MAX_VALUE - 3);
    assertThat(nearHighest.contains(Long.MAX_VALUE)).isTrue();
    assertThat(nearHighest.contains(Long.MAX_VALUE - 1)).isFalse();
  }

  @Test
  void keysSpanningTooManyBitsOrFarApartOrNoneGiveNoBitmap() {
    assertThat(KeyBitmap.covering(new long[] {0, 1_000}, 2, -1, 1_000)).isNull();
    assertThat(KeyBitmap.covering(new long[] {0, 999}, 2, -1, 1_000)).isNotNull();
    assertThat(KeyBitmap.covering(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 2, -1, Long.MAX_VALUE)).isNull();
    assertThat(KeyBitmap.covering(new long[] {42}, 1, 0, 1_000)).isNull();
    assertThat(KeyBitmap.covering(new long[0], 0, -1, 1_000)).isNull();
  }
}
