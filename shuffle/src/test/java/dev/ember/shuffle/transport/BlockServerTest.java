package dev.ember.shuffle.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.network.NetworkSettings;
import dev.ember.core.network.SelfSignedKeyStores;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.testing.RawPeer;
import dev.ember.shuffle.fetch.BlockSource;
import dev.ember.shuffle.fetch.LocalBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The block server's pipeline on embedded channels (what goes on the wire, who releases what) and
 * over real sockets (peers that do not follow the protocol are refused, the server keeps serving).
 */
class BlockServerTest {
  private static final byte[] SECRET = "block secret".getBytes(StandardCharsets.UTF_8);
  private static final NetworkSettings PLAIN = new NetworkSettings(1 << 16, null, Duration.ofSeconds(5));

  @TempDir
  Path directory;

  /** A source with map 0 in memory, map 1 in a file (bytes 100..4196 of it), map 2 too large, map 3 lost. */
  private BlockSource source(byte[] memory, Path file) {
    return (shuffleId, mapId, startReduce, endReduce) -> switch (mapId) {
      case 0 -> new LocalBlocks.InMemory(memory);
      case 1 -> new LocalBlocks.FileSegment(file, 100, 4096);
      case 2 -> new LocalBlocks.FileSegment(file, 0, 1 << 16);
      default -> throw new FetchFailedException(shuffleId, mapId, startReduce, "map output " + mapId + " is lost", null);
    };
  }

  private static byte[] randomBytes(int count, long seed) {
    byte[] bytes = new byte[count];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Everything {@code channel} wrote, as one buffer; each written message is released here, once. */
  private static ByteBuf drain(EmbeddedChannel channel, List<Object> seen) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (WritableByteChannel target = Channels.newChannel(bytes)) {
      for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
        seen.add(message);
        switch (message) {
          case ByteBuf buffer -> {
            bytes.writeBytes(io.netty.buffer.ByteBufUtil.getBytes(buffer));
            assertThat(buffer.release()).as("the channel hands over its only reference").isTrue();
          }
          case FileRegion region -> {
            while (region.transferred() < region.count()) {
              region.transferTo(target, region.transferred());
            }
            assertThat(region.release()).as("the region's only reference").isTrue();
          }
          default -> throw new AssertionError("unexpected outbound " + message);
        }
      }
    }
    return Unpooled.wrappedBuffer(bytes.toByteArray());
  }

  private record Pair(EmbeddedChannel client, EmbeddedChannel server, BlockResponseHandler responses) {
    /** Sends a request from the client to the server and carries the server's answer back. */
    CompletableFuture<byte[]> request(OpenBlocks request, List<Object> serverWrites) throws IOException {
      CompletableFuture<byte[]> response = responses.expect(request.requestId());
      client.writeAndFlush(request);
      server.writeInbound(drain(client, new ArrayList<>()));
      ByteBuf answer = drain(server, serverWrites);
      client.writeInbound(answer);
      assertThat(answer.refCnt()).as("the client releases each inbound frame").isZero();
      return response;
    }
  }

  private Pair pair(BlockSource source) {
    EmbeddedChannel server = new EmbeddedChannel();
    BlockServer.installServer(server.pipeline(), PLAIN, source);
    BlockResponseHandler responses = new BlockResponseHandler();
    EmbeddedChannel client = new EmbeddedChannel();
    BlockTransferClient.installClient(client.pipeline(), PLAIN, responses);
    return new Pair(client, server, responses);
  }

  @Test
  void inMemoryBlocksGoOutAsOneBufferAndFileBlocksAsAZeroCopyRegion() throws Exception {
    byte[] memory = randomBytes(3000, 1);
    byte[] fileBytes = randomBytes(8192, 2);
    Path file = Files.write(directory.resolve("shuffle_0_1_0.data"), fileBytes);
    Pair pair = pair(source(memory, file));

    List<Object> writes = new ArrayList<>();
    assertThat(pair.request(new OpenBlocks(1, 0, 0, 0, 2), writes).getNow(null)).isEqualTo(memory);
    assertThat(writes).noneMatch(FileRegion.class::isInstance);

    writes.clear();
    byte[] segment = new byte[4096];
    System.arraycopy(fileBytes, 100, segment, 0, segment.length);
    assertThat(pair.request(new OpenBlocks(2, 0, 1, 3, 4), writes).getNow(null)).isEqualTo(segment);
    assertThat(writes).filteredOn(FileRegion.class::isInstance).hasSize(1);
    assertThat(pair.server().isOpen()).isTrue();
    assertThat(pair.client().finishAndReleaseAll()).isFalse();
    assertThat(pair.server().finishAndReleaseAll()).isFalse();
  }

  @Test
  void aLostOutputOrATooLargeRangeIsAnsweredAsNotServedAndTheConnectionStays() throws Exception {
    Path file = Files.write(directory.resolve("shuffle_0_2_0.data"), randomBytes(1 << 16, 3));
    Pair pair = pair(source(new byte[0], file));

    CompletableFuture<byte[]> lost = pair.request(new OpenBlocks(7, 0, 3, 0, 1), new ArrayList<>());
    assertThatThrownBy(lost::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(BlockResponseHandler.BlockNotServedException.class)
        .hasMessageContaining("map output 3 is lost");
    CompletableFuture<byte[]> tooLarge = pair.request(new OpenBlocks(8, 0, 2, 0, 1), new ArrayList<>());
    assertThatThrownBy(tooLarge::get).isInstanceOf(ExecutionException.class)
        .hasMessageContaining("ember.rpc.message.maxSize");
    assertThat(pair.server().isOpen()).isTrue();
    assertThat(pair.request(new OpenBlocks(9, 0, 0, 0, 1), new ArrayList<>()).getNow(null)).isEmpty();
    pair.client().finishAndReleaseAll();
    pair.server().finishAndReleaseAll();
  }

  @Test
  void randomBytesAndAnOversizedFrameCloseTheEmbeddedConnection() {
    EmbeddedChannel noise = new EmbeddedChannel();
    BlockServer.installServer(noise.pipeline(), PLAIN, source(new byte[0], directory));
    ByteBuf random = Unpooled.wrappedBuffer(ByteBuffer.allocate(4 + 64).putInt(64).put(randomBytes(64, 4)).array());
    noise.writeInbound(random);
    assertThat(random.refCnt()).isZero();
    assertThat(noise.isOpen()).isFalse();
    assertThat(noise.outboundMessages()).isEmpty();

    EmbeddedChannel oversized = new EmbeddedChannel();
    BlockServer.installServer(oversized.pipeline(), PLAIN, source(new byte[0], directory));
    ByteBuf header = Unpooled.wrappedBuffer(ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array());
    oversized.writeInbound(header);
    assertThat(header.refCnt()).isZero();
    assertThat(oversized.isOpen()).isFalse();
  }


  /** A well-formed request frame, as a client without the handshake would send it. */
  private static byte[] unauthenticatedRequest() throws IOException {
    EmbeddedChannel client = new EmbeddedChannel();
    BlockTransferClient.installClient(client.pipeline(), PLAIN, new BlockResponseHandler());
    client.writeAndFlush(new OpenBlocks(1, 0, 0, 0, 1));
    ByteBuf frame = drain(client, new ArrayList<>());
    byte[] bytes = new byte[frame.readableBytes()];
    frame.readBytes(bytes);
    frame.release();
    client.finishAndReleaseAll();
    return bytes;
  }

  @Test
  void overSocketsBadPeersAreRefusedAndTheServerKeepsServing() throws Exception {
    byte[] memory = randomBytes(2048, 5);
    NetworkSettings secured = new NetworkSettings(1 << 16, SECRET, Duration.ofSeconds(5));
    try (BlockServer server = BlockServer.start("127.0.0.1", 0, secured, source(memory, directory));
        NettyBlockFetcher legitimate = new NettyBlockFetcher(Map.of("exec-a", server.address())::get,
            new BlockTransferClient(secured), new FetchSettings(0, Duration.ofMillis(10), Duration.ofSeconds(10)))) {
      int port = server.address().getPort();
      assertThat(RawPeer.closesAfter(port, randomBytes(4096, 6))).as("random bytes").isTrue();
      assertThat(RawPeer.closesAfter(port, ByteBuffer.allocate(8).putInt(1 << 30).putInt(0).array()))
          .as("an oversized frame").isTrue();
      assertThat(RawPeer.closesAfter(port, unauthenticatedRequest())).as("a request without the handshake").isTrue();

      assertThat(legitimate.fetchBytes("exec-a", 0, 0, 0, 1)).isEqualTo(memory);
    }
  }

  /**
   * With ember.ssl.enabled (and a secret): a TLS fetcher gets the in-memory and the file-backed
   * blocks byte for byte (files go through a buffer, not a file region); a plaintext fetcher and
   * random bytes are refused, and the server keeps serving the TLS peer.
   */
  @Test
  void overTlsBlocksArriveIntactAndPlaintextPeersAreRefused() throws Exception {
    byte[] memory = randomBytes(2048, 8);
    byte[] fileBytes = randomBytes(8192, 9);
    Path file = Files.write(directory.resolve("blocks.data"), fileBytes);
    SelfSignedKeyStores stores = SelfSignedKeyStores.create(directory, "blocks");
    NetworkSettings tls = new NetworkSettings(1 << 16, SECRET, Duration.ofSeconds(10), stores.sslSettings());
    NetworkSettings plaintext = new NetworkSettings(1 << 16, SECRET, Duration.ofSeconds(2));
    FetchSettings noRetries = new FetchSettings(0, Duration.ofMillis(10), Duration.ofSeconds(10));
    try (BlockServer server = BlockServer.start("127.0.0.1", 0, tls, source(memory, file));
        NettyBlockFetcher encrypted = new NettyBlockFetcher(Map.of("exec-a", server.address())::get,
            new BlockTransferClient(tls), noRetries);
        NettyBlockFetcher unencrypted = new NettyBlockFetcher(Map.of("exec-a", server.address())::get,
            new BlockTransferClient(plaintext), noRetries)) {
      assertThat(encrypted.fetchBytes("exec-a", 0, 0, 0, 1)).isEqualTo(memory);
      assertThat(encrypted.fetchBytes("exec-a", 0, 1, 0, 1))
          .isEqualTo(java.util.Arrays.copyOfRange(fileBytes, 100, 100 + 4096));

      assertThatThrownBy(() -> unencrypted.fetchBytes("exec-a", 0, 0, 0, 1)).isInstanceOf(FetchFailedException.class);
      assertThat(RawPeer.closesAfter(server.address().getPort(), randomBytes(4096, 10))).as("random bytes").isTrue();
      assertThat(RawPeer.closesAfter(server.address().getPort(), unauthenticatedRequest())).as("a plaintext request").isTrue();

      assertThat(encrypted.fetchBytes("exec-a", 0, 1, 0, 1))
          .isEqualTo(java.util.Arrays.copyOfRange(fileBytes, 100, 100 + 4096));
    }
  }

  /**
   * Over TLS a file segment streams in chunks ({@link BlockServerHandler#TLS_CHUNK_BYTES} each):
   * segments shorter than, equal to, and spanning several chunks with a ragged end, at an odd
   * offset, arrive byte for byte, one after another on the same connection.
   */
  @Test
  void overTlsFileSegmentsOfSeveralChunksArriveByteForByte() throws Exception {
    int chunk = BlockServerHandler.TLS_CHUNK_BYTES;
    byte[] fileBytes = randomBytes(4 * chunk, 11);
    Path file = Files.write(directory.resolve("large.data"), fileBytes);
    int[][] segments = {{7, 1}, {0, chunk}, {13, 3 * chunk + 517}, {chunk - 1, 2}};
    BlockSource source = (shuffleId, mapId, startReduce, endReduce) ->
        new LocalBlocks.FileSegment(file, segments[mapId][0], segments[mapId][1]);
    SelfSignedKeyStores stores = SelfSignedKeyStores.create(directory, "chunks");
    NetworkSettings tls = new NetworkSettings(8 << 20, SECRET, Duration.ofSeconds(10), stores.sslSettings());
    FetchSettings noRetries = new FetchSettings(0, Duration.ofMillis(10), Duration.ofSeconds(10));
    try (BlockServer server = BlockServer.start("127.0.0.1", 0, tls, source);
        NettyBlockFetcher fetcher = new NettyBlockFetcher(Map.of("exec-a", server.address())::get,
            new BlockTransferClient(tls), noRetries)) {
      for (int mapId = 0; mapId < segments.length; mapId++) {
        int offset = segments[mapId][0];
        assertThat(fetcher.fetchBytes("exec-a", 0, mapId, 0, 1)).as("segment " + mapId)
            .isEqualTo(java.util.Arrays.copyOfRange(fileBytes, offset, offset + segments[mapId][1]));
      }
    }
  }
}
