package dev.ember.core.shuffle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MapOutputTrackerTest {
  private static MapStatus status(String executor, int shuffle, int map) {
    return new MapStatus(executor, shuffle, map, new long[] {1}, new long[] {1});
  }

  @Test
  void tracksMissingOutputsPerShuffleAndForgetsLostOnes() {
    MapOutputTracker tracker = new MapOutputTracker();
    tracker.registerShuffle(0, 3);
    tracker.registerShuffle(1, 2);
    assertThat(tracker.missingMaps(0)).containsExactly(0, 1, 2);
    tracker.registerMapOutput(status("a", 0, 0));
    tracker.registerMapOutput(status("b", 0, 1));
    tracker.registerMapOutput(status("a", 0, 2));
    tracker.registerMapOutput(status("a", 1, 0));
    assertThat(tracker.missingMaps(0)).isEmpty();
    assertThat(tracker.statuses(0)).extracting(MapStatus::executorId).containsExactly("a", "b", "a");
    assertThatThrownBy(() -> tracker.statuses(1)).hasMessageContaining("map output 1 of shuffle 1 is missing");

    tracker.unregisterMapOutput(0, 1);
    assertThat(tracker.missingMaps(0)).containsExactly(1);
    tracker.unregisterExecutor("a");
    assertThat(tracker.missingMaps(0)).containsExactly(0, 1, 2);
    assertThat(tracker.missingMaps(1)).containsExactly(0, 1);

    tracker.registerShuffle(0, 5);
    assertThat(tracker.missingMaps(0)).as("registering again keeps the shuffle").hasSize(3);
    tracker.removeShuffle(0);
    assertThat(tracker.isTracked(0)).isFalse();
    assertThatThrownBy(() -> tracker.missingMaps(0)).hasMessageContaining("shuffle 0 is not tracked");
    tracker.unregisterMapOutput(0, 0);
  }
}
