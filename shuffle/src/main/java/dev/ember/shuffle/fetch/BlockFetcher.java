package dev.ember.shuffle.fetch;

import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.vector.Batch;
import java.util.List;

/**
 * Gets shuffle blocks that live on another executor. Readers ask it for every block whose map
 * status names a different executor; the Netty block fetcher of the standalone cluster implements
 * it (with retries), local mode has none. Implementations are thread-safe.
 */
public interface BlockFetcher {
  /** Local mode: every map output is on this executor, so a remote one can only be a lost one. */
  BlockFetcher NONE = new NoRemoteBlocks();

  /**
   * The block's batches from executor {@code executorId}.
   *
   * @throws FetchFailedException when the block cannot be fetched, naming shuffle, map and reduce ids
   */
  List<Batch> fetch(String executorId, ShuffleBlockId block);

  /**
   * The block of the map output {@code status} describes: by default from its executor; a fetcher
   * that talks to block servers uses the status's block-server address.
   *
   * @throws FetchFailedException when the block cannot be fetched, naming shuffle, map and reduce ids
   */
  default List<Batch> fetch(MapStatus status, ShuffleBlockId block) {
    return fetch(status.executorId(), block);
  }
}
