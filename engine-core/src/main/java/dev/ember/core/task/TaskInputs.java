package dev.ember.core.task;

import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.vector.Batch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a task reads besides its plan's own scans, shipped inside the task so that it never reaches
 * driver objects: the collected rows of each broadcast its plan reads, and for each shuffle it reads
 * the map statuses in map order of the map outputs that have rows in the reduce partitions the
 * task reads: where each lives (the driver leaves their block sizes out, so that a task grows
 * with the number of maps only, and leaves out map outputs whose blocks for this task are empty,
 * so that no reducer fetches an empty remote block).
 */
public record TaskInputs(Map<Integer, List<Batch>> broadcasts, Map<Integer, List<MapStatus>> shuffles) {
  public static final TaskInputs NONE = new TaskInputs(Map.of(), Map.of());

  public TaskInputs {
    Objects.requireNonNull(broadcasts, "broadcasts is null");
    Objects.requireNonNull(shuffles, "shuffles is null");
    Map<Integer, List<Batch>> copied = new HashMap<>();
    broadcasts.forEach((id, batches) -> copied.put(id, List.copyOf(batches)));
    broadcasts = Map.copyOf(copied);
    Map<Integer, List<MapStatus>> copiedShuffles = new HashMap<>();
    shuffles.forEach((id, statuses) -> copiedShuffles.put(id, List.copyOf(statuses)));
    shuffles = Map.copyOf(copiedShuffles);
  }
}
