package dev.ember.shuffle.transport;

import dev.ember.core.network.MessageRegistry;
import java.util.List;

/**
 * The block server's wire format. Requests are Kryo {@link OpenBlocks} messages in frames. Each
 * response is one frame: a status byte, the request id (8 bytes), then either the blocks' raw
 * bytes ({@link #OK}) or a UTF-8 reason ({@link #FAILED}). The raw bytes are not re-encoded: a
 * file segment goes out as a zero-copy file region behind its frame header.
 */
final class BlockTransferProtocol {
  static final MessageRegistry REGISTRY = MessageRegistry.of(List.of(OpenBlocks.class));
  static final byte OK = 0;
  static final byte FAILED = 1;
  /** Status byte and request id, before the payload. */
  static final int RESPONSE_HEADER_BYTES = 1 + Long.BYTES;

  private BlockTransferProtocol() {}
}
