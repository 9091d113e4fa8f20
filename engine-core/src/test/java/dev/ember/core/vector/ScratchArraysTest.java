package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScratchArraysTest {
  @Test
  void afterAResetTheSameArraysComeBackInTheSameOrderGrownWhenAskedForMore() {
    ScratchArrays scratch = new ScratchArrays();
    long[] first = scratch.longs(100);
    long[] second = scratch.longs(50);
    int[] ids = scratch.ints(10);
    assertThat(first).isNotSameAs(second).hasSizeGreaterThanOrEqualTo(100);
    assertThat(second).hasSizeGreaterThanOrEqualTo(50);
    assertThat(ids).hasSizeGreaterThanOrEqualTo(10);

    scratch.reset();
    assertThat(scratch.longs(80)).as("fits: the same array").isSameAs(first);
    long[] grown = scratch.longs(60);
    assertThat(grown).as("more than it held: a new one").isNotSameAs(second).hasSizeGreaterThanOrEqualTo(60);
    assertThat(scratch.ints(10)).isSameAs(ids);
    assertThat(scratch.ints(10)).as("one more than the last cycle: new").isNotSameAs(ids);

    scratch.reset();
    assertThat(scratch.longs(1)).isSameAs(first);
    assertThat(scratch.longs(1)).isSameAs(grown);
  }

  @Test
  void manyArraysInOneCycleAreAllDistinct() {
    ScratchArrays scratch = new ScratchArrays();
    java.util.Set<long[]> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i < 40; i++) {
      assertThat(seen.add(scratch.longs(4))).isTrue();
    }
  }

  @Test
  void withoutScratchEveryArrayIsNewAndExact() {
    assertThat(ScratchArrays.longsOrNew(null, 7)).hasSize(7);
    assertThat(ScratchArrays.intsOrNew(null, 3)).hasSize(3).isNotSameAs(ScratchArrays.intsOrNew(null, 3));
  }
}
