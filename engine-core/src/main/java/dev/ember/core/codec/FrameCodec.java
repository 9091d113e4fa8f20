package dev.ember.core.codec;

import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;

/**
 * The framing layer around encoded blocks: a 13-byte header (codec byte, raw length, stored
 * length, XXHash32 of the stored bytes), then the stored bytes, LZ4-compressed or raw. It knows
 * nothing of the columnar layout inside ({@link #writeFrame} takes any bytes, {@link #unwrap}
 * gives them back); {@link #decode} and {@link #decodeAll} are the common pairing with
 * {@link BatchDecoder}. The checksum is checked before decompression, so damaged bytes surface
 * as a {@link CorruptBlockException}, not as garbage rows.
 *
 * <p>An instance keeps reusable buffers: it belongs to one thread (a task's writer or reader).
 */
public final class FrameCodec {
  public static final int HEADER_BYTES = 13;
  static final byte CODEC_NONE = 0;
  static final byte CODEC_LZ4 = 1;
  private static final int CHECKSUM_SEED = 0x9747b28c;

  private final boolean compress;
  private final LZ4Compressor compressor;
  private final LZ4SafeDecompressor decompressor;
  private final XXHash32 hash;
  private final byte[] header = new byte[HEADER_BYTES];
  private byte[] compressed = new byte[0];
  private byte[] raw = new byte[0];

  /** The header of one frame. */
  public record Header(byte codec, int rawLength, int storedLength, int checksum) {}

  /** A frame's raw bytes: {@code array[offset, offset + length)}; the array may be reused by the next call. */
  public record Bytes(byte[] array, int offset, int length) {}

  public FrameCodec(boolean compress) {
    this.compress = compress;
    LZ4Factory factory = Lz4.factory();
    this.compressor = factory.fastCompressor();
    this.decompressor = factory.safeDecompressor();
    this.hash = Lz4.hashes().hash32();
  }

  public boolean compresses() {
    return compress;
  }

  /** Writes the bytes of {@code block} as one frame and returns the bytes written (header included). */
  public int writeFrame(ByteArrayOutput block, OutputStream out) throws IOException {
    return writeFrame(block.array(), block.length(), out);
  }

  /** Writes {@code block[0, rawLength)} as one frame and returns the bytes written (header included). */
  public int writeFrame(byte[] block, int rawLength, OutputStream out) throws IOException {
    byte[] payload = block;
    int storedLength = rawLength;
    byte codec = CODEC_NONE;
    if (compress) {
      int bound = compressor.maxCompressedLength(rawLength);
      if (compressed.length < bound) {
        compressed = new byte[bound];
      }
      int length = compressor.compress(block, 0, rawLength, compressed, 0, bound);
      // Incompressible blocks are stored raw, so a frame is never larger than its block plus header.
      if (length < rawLength) {
        payload = compressed;
        storedLength = length;
        codec = CODEC_LZ4;
      }
    }
    header[0] = codec;
    ByteArrayOutput.INTS.set(header, 1, rawLength);
    ByteArrayOutput.INTS.set(header, 5, storedLength);
    ByteArrayOutput.INTS.set(header, 9, hash.hash(payload, 0, storedLength, CHECKSUM_SEED));
    out.write(header, 0, HEADER_BYTES);
    out.write(payload, 0, storedLength);
    return HEADER_BYTES + storedLength;
  }

  /** Parses and checks a frame header at {@code bytes[offset, offset + HEADER_BYTES)}. */
  public static Header parseHeader(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < HEADER_BYTES) {
      throw new CorruptBlockException("a frame header is cut off: " + Math.max(0, bytes.length - offset) + " bytes left");
    }
    byte codec = bytes[offset];
    int rawLength = (int) ByteArrayOutput.INTS.get(bytes, offset + 1);
    int storedLength = (int) ByteArrayOutput.INTS.get(bytes, offset + 5);
    int checksum = (int) ByteArrayOutput.INTS.get(bytes, offset + 9);
    if (codec != CODEC_NONE && codec != CODEC_LZ4) {
      throw new CorruptBlockException("unknown codec " + codec + " in a frame header");
    }
    // LZ4 expands at most 255:1, so a larger raw length is damage (and must not size an allocation).
    if (rawLength < 0 || storedLength < 0 || (codec == CODEC_NONE && rawLength != storedLength)
        || (codec == CODEC_LZ4 && rawLength > 255L * storedLength + 16)) {
      throw new CorruptBlockException("bad frame lengths: raw " + rawLength + ", stored " + storedLength);
    }
    return new Header(codec, rawLength, storedLength, checksum);
  }

  /**
   * The raw block of a frame whose stored bytes are {@code payload[offset, offset + header.storedLength())}:
   * checksum checked, decompressed when it was compressed.
   */
  public Bytes unwrap(Header header, byte[] payload, int offset) {
    if (offset < 0 || payload.length - offset < header.storedLength()) {
      throw new CorruptBlockException("a frame of " + header.storedLength() + " bytes is cut off at "
          + Math.max(0, payload.length - offset));
    }
    int actual = hash.hash(payload, offset, header.storedLength(), CHECKSUM_SEED);
    if (actual != header.checksum()) {
      throw new CorruptBlockException("checksum mismatch: the frame says " + Integer.toHexString(header.checksum())
          + ", its " + header.storedLength() + " bytes hash to " + Integer.toHexString(actual));
    }
    if (header.codec() == CODEC_NONE) {
      return new Bytes(payload, offset, header.storedLength());
    }
    if (raw.length < header.rawLength()) {
      raw = new byte[header.rawLength()];
    }
    int length;
    try {
      length = decompressor.decompress(payload, offset, header.storedLength(), raw, 0, header.rawLength());
    } catch (LZ4Exception e) {
      throw new CorruptBlockException("LZ4 data is damaged: " + e.getMessage(), e);
    }
    if (length != header.rawLength()) {
      throw new CorruptBlockException("LZ4 data decompressed to " + length + " bytes, the frame says " + header.rawLength());
    }
    return new Bytes(raw, 0, length);
  }

  /** The batch of a frame whose stored bytes are {@code payload[offset, offset + header.storedLength())}. */
  public Batch decode(Header header, byte[] payload, int offset) {
    Bytes block = unwrap(header, payload, offset);
    return BatchDecoder.decode(block.array(), block.offset(), block.length());
  }

  /** Every frame in {@code bytes[offset, offset + length)}, in order (a fetched block). */
  public List<Batch> decodeAll(byte[] bytes, int offset, int length) {
    List<Batch> batches = new ArrayList<>();
    int position = offset;
    int end = offset + length;
    while (position < end) {
      if (end - position < HEADER_BYTES) {
        throw new CorruptBlockException("a frame header is cut off: " + (end - position) + " bytes left");
      }
      Header frame = parseHeader(bytes, position);
      position += HEADER_BYTES;
      if (frame.storedLength() > end - position) {
        throw new CorruptBlockException("a frame of " + frame.storedLength() + " bytes is cut off at " + (end - position));
      }
      batches.add(decode(frame, bytes, position));
      position += frame.storedLength();
    }
    return batches;
  }
}
