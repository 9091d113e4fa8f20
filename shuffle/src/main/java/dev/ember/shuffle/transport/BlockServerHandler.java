package dev.ember.shuffle.transport;

import dev.ember.core.logging.LazyLogger;
import dev.ember.core.network.NetworkPipeline;
import dev.ember.shuffle.fetch.BlockSource;
import dev.ember.shuffle.fetch.LocalBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;

/**
 * Answers {@link OpenBlocks} with the blocks' raw bytes. Ownership of every buffer and file region
 * passes to Netty at its write (Netty releases it once sent or failed), so this handler releases
 * nothing itself; the request is a plain record. A file segment is written as a frame header from
 * the frame encoder's context (the encoder would otherwise prefix the header alone) followed by a
 * {@link DefaultFileRegion}, which the kernel copies to the socket without passing the JVM heap.
 * With TLS ({@code ember.ssl.enabled}) the same header is followed by a {@link ChunkedNioFile}:
 * the {@value #TLS_CHUNK_BYTES}-byte chunks that the block server's {@link ChunkedWriteHandler}
 * reads one at a time, as the socket drains, into pooled buffers TLS can encrypt. Reading the whole
 * segment into one buffer first (the earlier way) allocated and zeroed a buffer of the frame's
 * size per request and kept the reader idle until the last byte was read and encrypted.
 */
final class BlockServerHandler extends SimpleChannelInboundHandler<OpenBlocks> {
  private static final LazyLogger LOG = new LazyLogger(BlockServerHandler.class);
  /** Plaintext per chunk over TLS: eight TLS records, enough to amortize a read and a flush. */
  static final int TLS_CHUNK_BYTES = 128 * 1024;
  /** The name of the handler that streams file chunks through TLS (only on encrypted connections). */
  static final String CHUNKED_WRITER = "chunkedWriter";

  private final BlockSource source;
  private final int maximumFrameBytes;

  BlockServerHandler(BlockSource source, int maximumFrameBytes) {
    this.source = source;
    this.maximumFrameBytes = maximumFrameBytes;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext context, OpenBlocks request) {
    LocalBlocks blocks;
    try {
      blocks = source.open(request.shuffleId(), request.mapId(), request.startReduce(), request.endReduce());
    } catch (RuntimeException notServed) {
      // A lost output or a bad range is the requester's failure to report, not this connection's.
      fail(context, request, String.valueOf(notServed.getMessage()));
      return;
    }
    long frameBytes = BlockTransferProtocol.RESPONSE_HEADER_BYTES + blocks.length();
    if (frameBytes > maximumFrameBytes) {
      fail(context, request, "the blocks have " + blocks.length() + " bytes, above the maximum frame of "
          + maximumFrameBytes + " bytes (ember.rpc.message.maxSize): ask for fewer reducers at once");
      return;
    }
    switch (blocks) {
      case LocalBlocks.InMemory inMemory -> {
        ByteBuf body = context.alloc().buffer((int) frameBytes)
            .writeByte(BlockTransferProtocol.OK).writeLong(request.requestId()).writeBytes(inMemory.bytes());
        context.writeAndFlush(body);
      }
      case LocalBlocks.FileSegment segment -> {
        if (NetworkPipeline.encrypts(context.pipeline())) {
          sendFileThroughTls(context, request, segment, (int) frameBytes);
        } else {
          sendFile(context, request, segment, (int) frameBytes);
        }
      }
    }
  }

  private void sendFile(ChannelHandlerContext context, OpenBlocks request, LocalBlocks.FileSegment segment, int frameBytes) {
    FileChannel file;
    try {
      file = FileChannel.open(segment.file(), StandardOpenOption.READ);
    } catch (IOException e) {
      fail(context, request, "cannot open " + segment.file() + ": " + e);
      return;
    }
    ChannelHandlerContext frameEncoder = context.pipeline().context("frameEncoder");
    ByteBuf header = context.alloc().buffer(4 + BlockTransferProtocol.RESPONSE_HEADER_BYTES)
        .writeInt(frameBytes).writeByte(BlockTransferProtocol.OK).writeLong(request.requestId());
    frameEncoder.write(header);
    // The region closes the file channel when Netty releases it.
    frameEncoder.writeAndFlush(new DefaultFileRegion(file, segment.offset(), segment.length()))
        .addListener((ChannelFutureListener) future -> {
          if (!future.isSuccess()) {
            // The header promised bytes that did not all go out: the stream cannot be resynchronized.
            LOG.get().warn("Closing the block connection to {}: sending {} failed: {}", future.channel().remoteAddress(),
                segment.file(), future.cause().toString());
            future.channel().close();
          }
        });
  }

  /**
   * TLS encrypts buffers, not file regions: the segment goes out in chunks read as the connection
   * can take them (through {@link #CHUNKED_WRITER}, between TLS and the frame encoder), after the
   * frame header; no zero-copy, as in Spark.
   */
  private void sendFileThroughTls(ChannelHandlerContext context, OpenBlocks request, LocalBlocks.FileSegment segment,
      int frameBytes) {
    FileChannel file;
    ChunkedNioFile chunks;
    try {
      file = FileChannel.open(segment.file(), StandardOpenOption.READ);
    } catch (IOException e) {
      fail(context, request, "cannot open " + segment.file() + ": " + e);
      return;
    }
    try {
      chunks = new ChunkedNioFile(file, segment.offset(), segment.length(), TLS_CHUNK_BYTES);
    } catch (IOException | RuntimeException e) {
      closeQuietly(file);
      fail(context, request, "cannot read " + segment.file() + ": " + e);
      return;
    }
    ChannelHandlerContext frameEncoder = context.pipeline().context("frameEncoder");
    ByteBuf header = context.alloc().buffer(4 + BlockTransferProtocol.RESPONSE_HEADER_BYTES)
        .writeInt(frameBytes).writeByte(BlockTransferProtocol.OK).writeLong(request.requestId());
    frameEncoder.write(header);
    // The chunked writer closes the file channel once the last chunk is written or the write failed.
    frameEncoder.writeAndFlush(chunks).addListener((ChannelFutureListener) future -> {
      if (!future.isSuccess()) {
        LOG.get().warn("Closing the block connection to {}: sending {} over TLS failed: {}", future.channel().remoteAddress(),
            segment.file(), future.cause().toString());
        future.channel().close();
      }
    });
  }

  private static void closeQuietly(FileChannel file) {
    try {
      file.close();
    } catch (IOException ignored) {
      // Reported as the read failure that led here.
    }
  }

  private static void fail(ChannelHandlerContext context, OpenBlocks request, String reason) {
    byte[] message = reason.getBytes(StandardCharsets.UTF_8);
    context.writeAndFlush(Unpooled.buffer(BlockTransferProtocol.RESPONSE_HEADER_BYTES + message.length)
        .writeByte(BlockTransferProtocol.FAILED).writeLong(request.requestId()).writeBytes(message));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    LOG.get().warn("Closing the block connection from {}: {}", context.channel().remoteAddress(), cause.toString());
    context.close();
  }
}
