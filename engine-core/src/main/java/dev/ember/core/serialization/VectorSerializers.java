package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.Batch;

/**
 * Compact Kryo serializers for batches and column vectors: the type, the row count, the validity
 * as packed bits (only when some row is null), then the primitive values of the first
 * {@code size} slots; strings as UTF-8. Arrays longer than the size are never shipped.
 */
final class VectorSerializers {
  private VectorSerializers() {}

  static void register(Kryo kryo) {
    kryo.register(BooleanVector.class, new BooleanVectorSerializer());
    kryo.register(IntVector.class, new IntVectorSerializer());
    kryo.register(LongVector.class, new LongVectorSerializer());
    kryo.register(DoubleVector.class, new DoubleVectorSerializer());
    kryo.register(StringVector.class, new StringVectorSerializer());
    kryo.register(Batch.class, new BatchSerializer());
  }

  private static void writeHeader(Kryo kryo, Output output, ColumnVector vector) {
    kryo.writeObject(output, vector.type());
    output.writeVarInt(vector.size(), true);
    boolean[] nulls = vector.nulls;
    int size = vector.size();
    boolean anyNull = false;
    if (nulls != null) {
      for (int i = 0; i < size && !anyNull; i++) {
        anyNull = nulls[i];
      }
    }
    output.writeBoolean(anyNull);
    if (anyNull) {
      byte[] bits = new byte[(size + 7) >>> 3];
      for (int i = 0; i < size; i++) {
        if (nulls[i]) {
          bits[i >>> 3] |= (byte) (1 << (i & 7));
        }
      }
      output.writeBytes(bits);
    }
  }

  private static boolean[] readNulls(Input input, int size) {
    if (!input.readBoolean()) {
      return null;
    }
    byte[] bits = input.readBytes((size + 7) >>> 3);
    boolean[] nulls = new boolean[size];
    for (int i = 0; i < size; i++) {
      nulls[i] = (bits[i >>> 3] & (1 << (i & 7))) != 0;
    }
    return nulls;
  }

  private static final class BooleanVectorSerializer extends Serializer<BooleanVector> {
    BooleanVectorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, BooleanVector vector) {
      writeHeader(kryo, output, vector);
      for (int i = 0; i < vector.size(); i++) {
        output.writeBoolean(vector.values[i]);
      }
    }

    @Override
    public BooleanVector read(Kryo kryo, Input input, Class<? extends BooleanVector> type) {
      ColumnType columnType = kryo.readObject(input, ColumnType.class);
      int size = input.readVarInt(true);
      boolean[] nulls = readNulls(input, size);
      boolean[] values = new boolean[size];
      for (int i = 0; i < size; i++) {
        values[i] = input.readBoolean();
      }
      return new BooleanVector(columnType, values, nulls, size);
    }
  }

  private static final class IntVectorSerializer extends Serializer<IntVector> {
    IntVectorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, IntVector vector) {
      writeHeader(kryo, output, vector);
      output.writeInts(vector.values, 0, vector.size());
    }

    @Override
    public IntVector read(Kryo kryo, Input input, Class<? extends IntVector> type) {
      ColumnType columnType = kryo.readObject(input, ColumnType.class);
      int size = input.readVarInt(true);
      boolean[] nulls = readNulls(input, size);
      return new IntVector(columnType, input.readInts(size), nulls, size);
    }
  }

  private static final class LongVectorSerializer extends Serializer<LongVector> {
    LongVectorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, LongVector vector) {
      writeHeader(kryo, output, vector);
      output.writeLongs(vector.values, 0, vector.size());
    }

    @Override
    public LongVector read(Kryo kryo, Input input, Class<? extends LongVector> type) {
      ColumnType columnType = kryo.readObject(input, ColumnType.class);
      int size = input.readVarInt(true);
      boolean[] nulls = readNulls(input, size);
      return new LongVector(columnType, input.readLongs(size), nulls, size);
    }
  }

  private static final class DoubleVectorSerializer extends Serializer<DoubleVector> {
    DoubleVectorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, DoubleVector vector) {
      writeHeader(kryo, output, vector);
      output.writeDoubles(vector.values, 0, vector.size());
    }

    @Override
    public DoubleVector read(Kryo kryo, Input input, Class<? extends DoubleVector> type) {
      ColumnType columnType = kryo.readObject(input, ColumnType.class);
      int size = input.readVarInt(true);
      boolean[] nulls = readNulls(input, size);
      return new DoubleVector(columnType, input.readDoubles(size), nulls, size);
    }
  }

  private static final class StringVectorSerializer extends Serializer<StringVector> {
    StringVectorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, StringVector vector) {
      writeHeader(kryo, output, vector);
      boolean[] nulls = vector.nulls;
      for (int i = 0; i < vector.size(); i++) {
        // A null row ships as a null string whatever its slot holds.
        output.writeString(nulls != null && nulls[i] ? null : vector.values[i]);
      }
    }

    @Override
    public StringVector read(Kryo kryo, Input input, Class<? extends StringVector> type) {
      ColumnType columnType = kryo.readObject(input, ColumnType.class);
      int size = input.readVarInt(true);
      boolean[] nulls = readNulls(input, size);
      String[] values = new String[size];
      for (int i = 0; i < size; i++) {
        values[i] = input.readString();
      }
      return new StringVector(columnType, values, nulls, size);
    }
  }

  private static final class BatchSerializer extends Serializer<Batch> {
    BatchSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Batch batch) {
      output.writeVarInt(batch.columnCount(), true);
      output.writeVarInt(batch.rowCount(), true);
      for (int i = 0; i < batch.columnCount(); i++) {
        kryo.writeClassAndObject(output, batch.column(i));
      }
    }

    @Override
    public Batch read(Kryo kryo, Input input, Class<? extends Batch> type) {
      int columnCount = input.readVarInt(true);
      int rowCount = input.readVarInt(true);
      ColumnVector[] columns = new ColumnVector[columnCount];
      for (int i = 0; i < columnCount; i++) {
        columns[i] = (ColumnVector) kryo.readClassAndObject(input);
      }
      return new Batch(columns, rowCount);
    }
  }
}
