package dev.ember.shuffle.transport;

import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.fetch.BlockFetcher;
import dev.ember.shuffle.fetch.ShuffleBlockId;
import dev.ember.core.codec.CorruptBlockException;
import dev.ember.core.codec.FrameCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The cluster's {@link BlockFetcher}: gets a block's raw bytes from the block server of the
 * executor that wrote it and decodes them with the one columnar frame codec. A dropped
 * connection, a refused connect or a timeout is retried up to {@code maxRetries} times with a
 * growing wait; a block the server does not have, damaged bytes, an unknown executor or the last
 * failed attempt become a {@link FetchFailedException}, which makes the scheduler recompute that
 * map output. Thread-safe.
 */
public final class NettyBlockFetcher implements BlockFetcher, AutoCloseable {
  private final Function<String, InetSocketAddress> blockServers;
  private final BlockTransferClient client;
  private final FetchSettings settings;
  private final AtomicLong remoteBytes = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  /**
   * {@code blockServers} names the block-server address of an executor id (null when unknown);
   * the fetcher owns {@code client} and closes it.
   */
  public NettyBlockFetcher(Function<String, InetSocketAddress> blockServers, BlockTransferClient client,
      FetchSettings settings) {
    this.blockServers = Objects.requireNonNull(blockServers, "blockServers is null");
    this.client = Objects.requireNonNull(client, "client is null");
    this.settings = Objects.requireNonNull(settings, "settings is null");
  }

  @Override
  public List<Batch> fetch(String executorId, ShuffleBlockId block) {
    return decode(executorId, block, fetchBytes(executorId, block.shuffleId(), block.mapId(), block.reduceId(),
        block.reduceId() + 1));
  }

  /** Uses the block-server address the map status carries; one without an address is looked up by executor id. */
  @Override
  public List<Batch> fetch(MapStatus status, ShuffleBlockId block) {
    if (!status.hasBlockServer()) {
      return fetch(status.executorId(), block);
    }
    InetSocketAddress server = new InetSocketAddress(status.blockHost(), status.blockPort());
    return decode(status.executorId(), block, fetchBytes(status.executorId(), server, block.shuffleId(), block.mapId(),
        block.reduceId(), block.reduceId() + 1));
  }

  private static List<Batch> decode(String executorId, ShuffleBlockId block, byte[] bytes) {
    try {
      // The frames carry their own codec byte, so one non-compressing codec decodes both kinds.
      return new FrameCodec(false).decodeAll(bytes, 0, bytes.length);
    } catch (CorruptBlockException e) {
      throw new FetchFailedException(block.shuffleId(), block.mapId(), block.reduceId(),
          "the block fetched from executor " + executorId + " is damaged: " + e.getMessage(), e);
    }
  }

  /**
   * The raw bytes of several consecutive blocks of one map output (reducers
   * {@code startReduce..endReduce-1}) in one request, with the retries described above.
   */
  public byte[] fetchBytes(String executorId, int shuffleId, int mapId, int startReduce, int endReduce) {
    InetSocketAddress server = blockServers.apply(executorId);
    if (server == null) {
      throw new FetchFailedException(shuffleId, mapId, startReduce,
          "executor " + executorId + " has no known block server (it is lost)", null);
    }
    return fetchBytes(executorId, server, shuffleId, mapId, startReduce, endReduce);
  }

  private byte[] fetchBytes(String executorId, InetSocketAddress server, int shuffleId, int mapId, int startReduce,
      int endReduce) {
    IOException last = null;
    for (int attempt = 0; attempt <= settings.maxRetries(); attempt++) {
      if (attempt > 0) {
        retries.incrementAndGet();
        pause(settings.retryWait().multipliedBy(attempt), shuffleId, mapId, startReduce, last);
      }
      try {
        byte[] bytes = client.fetch(server, shuffleId, mapId, startReduce, endReduce, settings.timeout());
        remoteBytes.addAndGet(bytes.length);
        return bytes;
      } catch (BlockResponseHandler.BlockNotServedException notServed) {
        throw new FetchFailedException(shuffleId, mapId, startReduce,
            "executor " + executorId + " at " + server + " does not serve the blocks: " + notServed.getMessage(), null);
      } catch (IOException e) {
        last = e;
      }
    }
    throw new FetchFailedException(shuffleId, mapId, startReduce, "fetching from executor " + executorId + " at "
        + server + " failed " + (settings.maxRetries() + 1) + " times (ember.shuffle.io.maxRetries = "
        + settings.maxRetries() + "), last: " + last.getMessage(), last);
  }

  private static void pause(Duration wait, int shuffleId, int mapId, int reduceId, IOException last) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException(shuffleId, mapId, reduceId, "interrupted while waiting to retry a fetch", last);
    }
  }

  /** Bytes fetched over the network so far (the remote-read metric of this executor). */
  public long remoteBytes() {
    return remoteBytes.get();
  }

  /** Attempts repeated after a failure so far. */
  public long retries() {
    return retries.get();
  }

  @Override
  public void close() {
    client.close();
  }
}
