package dev.ember.catalyst.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CachedRowCountsTest {
  @Test
  void theTotalIsKnownOnceEveryPartitionIsAndUnknownAgainWhenABlockGoes() {
    CachedRowCounts counts = new CachedRowCounts(3);
    assertThat(counts.total()).isEmpty();
    counts.record(0, 10);
    counts.record(2, 0);
    assertThat(counts.total()).as("partition 1 unknown").isEmpty();
    counts.record(1, 5);
    assertThat(counts.total()).isEqualTo(OptionalLong.of(15));
    counts.record(1, 7);
    assertThat(counts.total()).as("a block stored again").isEqualTo(OptionalLong.of(17));
    counts.record(0, -1);
    assertThat(counts.total()).as("a block gone").isEmpty();
    counts.record(0, -1);
    counts.record(0, 3);
    assertThat(counts.total()).as("a repeated removal counts once").isEqualTo(OptionalLong.of(10));
  }

  @Test
  void partitionsOutsideTheTableAreIgnoredAndATableOfNoPartitionsHasNoRows() {
    CachedRowCounts counts = new CachedRowCounts(1);
    counts.record(-1, 4);
    counts.record(1, 4);
    assertThat(counts.total()).isEmpty();
    assertThat(new CachedRowCounts(0).total()).isEqualTo(OptionalLong.of(0));
    assertThatThrownBy(() -> new CachedRowCounts(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void countsNotFollowedStayUnknown() {
    CachedRowCounts counts = CachedRowCounts.notFollowed();
    counts.record(0, 4);
    assertThat(counts.total()).isEmpty();
  }
}
