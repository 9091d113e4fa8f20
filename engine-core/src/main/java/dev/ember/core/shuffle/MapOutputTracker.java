package dev.ember.core.shuffle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The driver's record of where every map output of every live shuffle is: one {@link MapStatus}
 * per (shuffle, map), or none while the map output is missing (not computed yet, or lost). Reduce
 * tasks are given the statuses of the shuffles they read; a fetch failure unregisters the lost
 * output so that the map stage recomputes exactly the missing maps. Thread-safe.
 */
public final class MapOutputTracker {
  private final Map<Integer, AtomicReferenceArray<MapStatus>> shuffles = new ConcurrentHashMap<>();

  /** Starts tracking a shuffle with {@code mapCount} map outputs, all missing; a no-op if it is tracked already. */
  public void registerShuffle(int shuffleId, int mapCount) {
    shuffles.computeIfAbsent(shuffleId, id -> new AtomicReferenceArray<>(mapCount));
  }

  public boolean isTracked(int shuffleId) {
    return shuffles.containsKey(shuffleId);
  }

  public void registerMapOutput(MapStatus status) {
    outputs(status.shuffleId()).set(status.mapId(), status);
  }

  /** Forgets one map output (lost with its executor, or unreadable). */
  public void unregisterMapOutput(int shuffleId, int mapId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    if (outputs != null && mapId >= 0 && mapId < outputs.length()) {
      outputs.set(mapId, null);
    }
  }

  /** Forgets every map output that lives on {@code executorId} (an executor was lost). */
  public void unregisterExecutor(String executorId) {
    for (AtomicReferenceArray<MapStatus> outputs : shuffles.values()) {
      for (int i = 0; i < outputs.length(); i++) {
        MapStatus status = outputs.get(i);
        if (status != null && status.executorId().equals(executorId)) {
          outputs.compareAndSet(i, status, null);
        }
      }
    }
  }

  /** Whether the map output is registered (false for an untracked shuffle). */
  public boolean hasMapOutput(int shuffleId, int mapId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    return outputs != null && mapId >= 0 && mapId < outputs.length() && outputs.get(mapId) != null;
  }

  /** The map ids whose outputs are missing, ascending. */
  public List<Integer> missingMaps(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = outputs(shuffleId);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < outputs.length(); i++) {
      if (outputs.get(i) == null) {
        missing.add(i);
      }
    }
    return missing;
  }

  /**
   * Every map output of the shuffle in map order.
   *
   * @throws IllegalStateException when one is missing (the map stage must run first)
   */
  public List<MapStatus> statuses(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = outputs(shuffleId);
    List<MapStatus> statuses = new ArrayList<>(outputs.length());
    for (int i = 0; i < outputs.length(); i++) {
      MapStatus status = outputs.get(i);
      if (status == null) {
        throw new IllegalStateException("map output " + i + " of shuffle " + shuffleId + " is missing");
      }
      statuses.add(status);
    }
    return statuses;
  }

  public void removeShuffle(int shuffleId) {
    shuffles.remove(shuffleId);
  }

  private AtomicReferenceArray<MapStatus> outputs(int shuffleId) {
    AtomicReferenceArray<MapStatus> outputs = shuffles.get(shuffleId);
    if (outputs == null) {
      throw new IllegalArgumentException("shuffle " + shuffleId + " is not tracked");
    }
    return outputs;
  }
}
