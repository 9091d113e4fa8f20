package dev.ember.shuffle.fetch;

import dev.ember.core.shuffle.FetchFailedException;

/** The blocks an executor can serve to others: its shuffle manager. Thread-safe. */
public interface BlockSource {
  /**
   * The raw bytes of map {@code mapId}'s blocks for reducers {@code startReduce} (inclusive) to
   * {@code endReduce} (exclusive) of shuffle {@code shuffleId}.
   *
   * @throws FetchFailedException when that map output is not here (never written, lost, removed)
   * @throws IllegalArgumentException when the reducer range is outside the shuffle
   */
  LocalBlocks open(int shuffleId, int mapId, int startReduce, int endReduce);
}
