package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Paged longs: growth keeps every page it had (no copy of what is stored), small tables stay small. */
class LongPagesTest {
  @Test
  void growingKeepsTheExistingPagesAndTheirValues() {
    long[][] pages = LongPages.ensure(LongPages.empty(), 3 * LongPages.PAGE_LONGS);
    assertThat(pages.length).isEqualTo(3);
    for (long slot = 0; slot < 3L * LongPages.PAGE_LONGS; slot++) {
      pages[(int) (slot >>> LongPages.PAGE_BITS)][(int) (slot & LongPages.PAGE_MASK)] = slot * 7;
    }
    long[][] grown = LongPages.ensure(pages, 3L * LongPages.PAGE_LONGS + 1);
    assertThat(grown.length).isEqualTo(4);
    for (int page = 0; page < 3; page++) {
      assertThat(grown[page]).as("page " + page + " is the same array, not a copy").isSameAs(pages[page]);
    }
    assertThat(grown[3]).containsOnly(0L);
    long[] out = new long[LongPages.PAGE_LONGS + 10];
    LongPages.copyOut(grown, 2L * LongPages.PAGE_LONGS - 5, out, 3, LongPages.PAGE_LONGS + 7);
    for (int i = 0; i < LongPages.PAGE_LONGS + 7; i++) {
      long slot = 2L * LongPages.PAGE_LONGS - 5 + i;
      assertThat(out[3 + i]).as("slot " + slot).isEqualTo(slot < 3L * LongPages.PAGE_LONGS ? slot * 7 : 0);
    }
    assertThat(LongPages.ensure(grown, 10)).as("asking for fewer slots changes nothing").isSameAs(grown);
  }

  @Test
  void theFirstPageStartsSmallAndFillsBeforeASecondPage() {
    long[][] pages = LongPages.ensure(LongPages.empty(), 4);
    assertThat(pages.length).isEqualTo(1);
    assertThat(pages[0].length).isLessThan(64);
    pages[0][3] = 42;
    pages = LongPages.ensure(pages, 1000);
    assertThat(pages[0].length).isBetween(1000, LongPages.PAGE_LONGS);
    assertThat(pages[0][3]).isEqualTo(42);
    pages = LongPages.ensure(pages, LongPages.PAGE_LONGS + 1);
    assertThat(pages.length).isEqualTo(2);
    assertThat(pages[0]).hasSize(LongPages.PAGE_LONGS);
    assertThat(pages[0][3]).isEqualTo(42);
    assertThat(LongPages.retainedBytes(pages)).isEqualTo(2L * 8 * LongPages.PAGE_LONGS);
    assertThatThrownBy(() -> LongPages.ensure(LongPages.empty(), -1)).isInstanceOf(IllegalArgumentException.class);
  }
}
