package dev.ember.shuffle.fetch;

import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.vector.Batch;
import java.util.List;

/**
 * {@link BlockFetcher#NONE}: local mode, where every map output is on this executor, so a remote one
 * can only be a lost one. A class rather than a lambda: it is built on every session's start, where a
 * lambda class would be spun.
 */
final class NoRemoteBlocks implements BlockFetcher {
  @Override
  public List<Batch> fetch(String executorId, ShuffleBlockId block) {
    throw new FetchFailedException(block.shuffleId(), block.mapId(), block.reduceId(),
        "the map output lives on executor " + executorId + " and this executor has no remote block fetcher", null);
  }
}
