/**
 * The one columnar encoding of batches, for every place a batch leaves the heap: shuffle blocks
 * (files, in-memory map outputs), spill files, disk-cached blocks and Kryo task and result
 * payloads.
 *
 * <p>Two layers. {@link dev.ember.core.codec.BatchEncoder} and
 * {@link dev.ember.core.codec.BatchDecoder} write and read the layout of
 * {@link dev.ember.core.codec.ColumnarFormat}: a versioned header with every column's type and
 * flags, then per column one null-bit packing, its values, and for strings Arrow-style offsets and
 * UTF-8 bytes (copied to and from {@code StringVector}'s arrays, no {@code String}), or for a
 * dictionary column its distinct values once and an id per row. {@link dev.ember.core.codec.FrameCodec} frames any encoded block with an optional
 * LZ4 compression and an XXHash32 checksum. Kryo writes the bare encoding (its payloads travel in
 * frames of their own); shuffle blocks and spill files are framed.
 *
 * <p>Why the framing lives here and not in the shuffle module: spill files and disk-cached blocks
 * (engine-core) need the same checksums and may be compressed too, and engine-core cannot import
 * the shuffle module. So lz4-java is an engine-core dependency and the shuffle uses this package.
 *
 * <p>Damaged bytes always fail with {@link dev.ember.core.codec.CorruptBlockException}, whose
 * message says what is wrong; callers add where the bytes came from.
 *
 * <p>May import only {@code dev.ember.core.types}, {@code dev.ember.core.vector}, {@code java.*}
 * and lz4-java ({@code net.jpountz.*}).
 */
package dev.ember.core.codec;
