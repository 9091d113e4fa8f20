package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.codec.BatchDecoder;
import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.codec.CorruptBlockException;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * Kryo serializers for batches and column vectors that write the one columnar encoding of
 * {@link dev.ember.core.codec}: a length (varint), then the encoded batch (a vector travels as a
 * batch of one column). Only the first {@code size} slots of a vector's arrays are shipped. No
 * framing: Kryo payloads are framed by the transport that carries them. Damaged bytes become a
 * {@link KryoException}, which the serializer reports as a failed deserialization.
 *
 * <p>Each Kryo instance gets its own serializers, and a Kryo instance is used by one thread at a
 * time, so each serializer may keep one reusable encoding buffer.
 */
final class VectorSerializers {
  private VectorSerializers() {}

  static void register(Kryo kryo) {
    ByteArrayOutput buffer = new ByteArrayOutput(1 << 12);
    kryo.register(BooleanVector.class, new VectorSerializer<BooleanVector>(buffer, BooleanVector.class));
    kryo.register(IntVector.class, new VectorSerializer<IntVector>(buffer, IntVector.class));
    kryo.register(LongVector.class, new VectorSerializer<LongVector>(buffer, LongVector.class));
    kryo.register(DoubleVector.class, new VectorSerializer<DoubleVector>(buffer, DoubleVector.class));
    kryo.register(StringVector.class, new VectorSerializer<StringVector>(buffer, StringVector.class));
    kryo.register(DecimalVector.class, new VectorSerializer<DecimalVector>(buffer, DecimalVector.class));
    kryo.register(Batch.class, new BatchSerializer(buffer));
  }

  /** Writes {@code batch} as its length and encoded bytes, encoding it only if its bytes were not kept. */
  private static void writeBatch(ByteArrayOutput buffer, Output output, Batch batch) {
    byte[] kept = EncodedBatches.encode(batch, buffer);
    if (kept != null) {
      output.writeVarInt(kept.length, true);
      output.writeBytes(kept, 0, kept.length);
      return;
    }
    output.writeVarInt(buffer.length(), true);
    output.writeBytes(buffer.array(), 0, buffer.length());
    releaseLargeBuffer(buffer);
  }

  /** A large payload must not pin a large buffer for the life of the Kryo instance. */
  private static void releaseLargeBuffer(ByteArrayOutput buffer) {
    if (buffer.array().length > (1 << 20)) {
      buffer.release(1 << 12);
    }
  }

  private static Batch readBatch(Input input) {
    int length = input.readVarInt(true);
    if (length < 0) {
      throw new KryoException("an encoded batch has a negative length " + length);
    }
    try {
      // Decode straight from Kryo's buffer when the whole batch is there (always for byte-array input).
      if (input.getInputStream() == null && input.limit() - input.position() >= length) {
        Batch batch = BatchDecoder.decode(input.getBuffer(), input.position(), length);
        input.setPosition(input.position() + length);
        return batch;
      }
      byte[] bytes = input.readBytes(length);
      return BatchDecoder.decode(bytes, 0, length);
    } catch (CorruptBlockException e) {
      throw new KryoException("damaged batch: " + e.getMessage(), e);
    }
  }

  private static final class VectorSerializer<V extends ColumnVector> extends Serializer<V> {
    private final ByteArrayOutput buffer;
    private final Class<V> vectorClass;

    VectorSerializer(ByteArrayOutput buffer, Class<V> vectorClass) {
      this.buffer = buffer;
      this.vectorClass = vectorClass;
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, V vector) {
      // A vector travels in a batch made for the trip: nothing to keep.
      buffer.reset();
      BatchEncoder.encode(new Batch(new ColumnVector[] {vector}, vector.size()), buffer);
      output.writeVarInt(buffer.length(), true);
      output.writeBytes(buffer.array(), 0, buffer.length());
      releaseLargeBuffer(buffer);
    }

    @Override
    public V read(Kryo kryo, Input input, Class<? extends V> type) {
      Batch batch = readBatch(input);
      if (batch.columnCount() != 1 || !vectorClass.isInstance(batch.column(0))) {
        throw new KryoException("expected one " + vectorClass.getSimpleName() + " but the bytes hold "
            + batch.columnCount() + " columns" + (batch.columnCount() == 0 ? "" : " of " + batch.type(0)));
      }
      return vectorClass.cast(batch.column(0));
    }
  }

  private static final class BatchSerializer extends Serializer<Batch> {
    private final ByteArrayOutput buffer;

    BatchSerializer(ByteArrayOutput buffer) {
      this.buffer = buffer;
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Batch batch) {
      writeBatch(buffer, output, batch);
    }

    @Override
    public Batch read(Kryo kryo, Input input, Class<? extends Batch> type) {
      return readBatch(input);
    }
  }
}
