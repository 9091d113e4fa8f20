package dev.ember.core.task;

import dev.ember.core.shuffle.MapStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task reads besides its plan's own scans, shipped inside the task so that it never reaches
 * driver objects: a handle of each broadcast its plan reads (id and size, never the rows: the
 * executor resolves it through its {@link BroadcastSource}, so a task's bytes do not grow with its
 * broadcasts), and for each shuffle it reads the map statuses in map order of the map outputs that
 * have rows in the reduce partitions the task reads: where each lives (the driver leaves their
 * block sizes out, so that a task grows with the number of maps only, and leaves out map outputs
 * whose blocks for this task are empty, so that no reducer fetches an empty remote block).
 */
public record TaskInputs(Map<Integer, BroadcastHandle> broadcasts, Map<Integer, List<MapStatus>> shuffles) {
  public static final TaskInputs NONE = new TaskInputs(Map.of(), Map.of());

  public TaskInputs {
    Objects.requireNonNull(broadcasts, "broadcasts is null");
    Objects.requireNonNull(shuffles, "shuffles is null");
    broadcasts.forEach((id, handle) -> {
      if (handle.broadcastId() != id) {
        throw new IllegalArgumentException("broadcast " + id + " is given the handle of broadcast " + handle.broadcastId());
      }
    });
    broadcasts = Map.copyOf(broadcasts);
    Map<Integer, List<MapStatus>> copiedShuffles = new HashMap<>();
    shuffles.forEach((id, statuses) -> copiedShuffles.put(id, List.copyOf(statuses)));
    shuffles = Map.copyOf(copiedShuffles);
  }
}
