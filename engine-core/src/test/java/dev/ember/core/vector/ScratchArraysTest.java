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

  /** Drains what this thread kept, so each test starts with none. */
  private static void drainThisThread() {
    java.util.List<ScratchArrays> taken = new java.util.ArrayList<>();
    for (int i = 0; i < ScratchArrays.KEPT_PER_THREAD; i++) {
      taken.add(ScratchArrays.take());
    }
  }

  @Test
  void anInstanceGivenBackIsTheThreadsNextWithItsArrays() {
    drainThisThread();
    ScratchArrays first = ScratchArrays.take();
    long[] widened = first.longs(4096);
    first.giveBack();

    ScratchArrays next = ScratchArrays.take();
    assertThat(next).as("kept for this thread's next task").isSameAs(first);
    assertThat(next.longs(4096)).as("reset: the same array from the start").isSameAs(widened);
    assertThat(ScratchArrays.take()).as("kept once only").isNotSameAs(first);
  }

  @Test
  void givingBackTwiceKeepsItOnceSoTwoOwnersNeverShareIt() {
    drainThisThread();
    ScratchArrays scratch = ScratchArrays.take();
    scratch.giveBack();
    scratch.giveBack();

    assertThat(ScratchArrays.take()).isSameAs(scratch);
    assertThat(ScratchArrays.take()).isNotSameAs(scratch);
  }

  @Test
  void anotherThreadDoesNotGetThisThreadsInstances() throws Exception {
    drainThisThread();
    ScratchArrays mine = ScratchArrays.take();
    mine.giveBack();
    ScratchArrays[] theirs = new ScratchArrays[1];
    Thread other = new Thread(() -> theirs[0] = ScratchArrays.take());
    other.start();
    other.join();

    assertThat(theirs[0]).isNotSameAs(mine);
    assertThat(ScratchArrays.take()).isSameAs(mine);
  }

  @Test
  void aThreadKeepsAFewSmallInstancesOnly() {
    drainThisThread();
    ScratchArrays large = ScratchArrays.take();
    large.longs((int) (ScratchArrays.MAXIMUM_KEPT_BYTES / 8) + 1);
    large.giveBack();
    assertThat(ScratchArrays.take()).as("holds too much to keep").isNotSameAs(large);

    java.util.List<ScratchArrays> given = new java.util.ArrayList<>();
    for (int i = 0; i < ScratchArrays.KEPT_PER_THREAD + 2; i++) {
      given.add(ScratchArrays.take());
    }
    given.forEach(ScratchArrays::giveBack);
    java.util.Set<ScratchArrays> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i < ScratchArrays.KEPT_PER_THREAD + 2; i++) {
      kept.add(ScratchArrays.take());
    }
    kept.retainAll(given);
    assertThat(kept).hasSize(ScratchArrays.KEPT_PER_THREAD);
  }
}
