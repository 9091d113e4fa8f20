package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.codec.CorruptBlockException;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kryo carries vectors and batches as the bytes of the one columnar codec. */
class VectorSerializersTest {
  private final EmberSerializer serializer = EmberSerializer.shared();

  private static List<ColumnVector> vectorsOfEveryType() {
    boolean[] nulls = {false, true, false};
    return List.of(
        new BooleanVector(ColumnType.BOOLEAN, new boolean[] {true, false, false}, nulls, 3),
        new IntVector(ColumnType.INT, new int[] {1, 0, -7}, nulls, 3),
        new IntVector(ColumnType.DATE, new int[] {19_000, 0, -1}, null, 3),
        new LongVector(ColumnType.LONG, new long[] {Long.MIN_VALUE, 0, 9}, nulls, 3),
        new LongVector(ColumnType.TIMESTAMP, new long[] {1, 2, 3}, null, 3),
        new DoubleVector(ColumnType.DOUBLE, new double[] {Double.NaN, 0, -0.0}, nulls, 3),
        new StringVector(ColumnType.STRING, new String[] {"ünï 😀", "hidden", ""}, nulls, 3));
  }

  @Test
  void aStandaloneVectorOfEveryTypeRoundTripsAsItsOwnClass() {
    for (ColumnVector vector : vectorsOfEveryType()) {
      ColumnVector copy = serializer.deserialize(serializer.serialize(vector), ColumnVector.class);
      assertThat(copy).isInstanceOf(vector.getClass());
      assertThat(copy.type()).isEqualTo(vector.type());
      assertThat(copy.mayHaveNulls()).isEqualTo(vector.mayHaveNulls());
      for (int row = 0; row < vector.size(); row++) {
        assertThat(copy.getObject(row)).as("%s row %d", vector.type(), row).isEqualTo(vector.getObject(row));
      }
    }
  }

  @Test
  void theBytesKryoWritesAreTheCodecsBytes() {
    Batch batch = Batch.of(vectorsOfEveryType().toArray(ColumnVector[]::new));
    byte[] kryoBytes = serializer.serialize(batch);
    ByteArrayOutput encoded = new ByteArrayOutput(16);
    BatchEncoder.encode(batch, encoded);
    byte[] codecBytes = Arrays.copyOf(encoded.array(), encoded.length());
    // Kryo adds a class id and a length in front; the rest is the encoding, byte for byte.
    assertThat(Arrays.copyOfRange(kryoBytes, kryoBytes.length - codecBytes.length, kryoBytes.length))
        .isEqualTo(codecBytes);
    assertThat(kryoBytes.length - codecBytes.length).isLessThanOrEqualTo(6);
  }

  @Test
  void aBatchReadFromAStreamRoundTripsToo() {
    // Kryo's stream input does not hold the whole payload: the serializer must copy it out first.
    Kryo kryo = KryoRegistry.newKryo();
    StringVector large = new StringVector(ColumnType.STRING, new String[] {"x".repeat(100_000), "é".repeat(50_000)}, null, 2);
    Batch batch = Batch.of(large);
    byte[] bytes;
    try (Output output = new Output(256, -1)) {
      kryo.writeObject(output, batch);
      bytes = output.toBytes();
    }
    try (Input input = new Input(new ByteArrayInputStream(bytes), 1024)) {
      Batch copy = kryo.readObject(input, Batch.class);
      assertThat(copy.rows()).isEqualTo(batch.rows());
    }
  }

  @Test
  void damagedBytesFailAsADeserializationNamingTheDamage() {
    byte[] bytes = serializer.serialize(Batch.of(vectorsOfEveryType().toArray(ColumnVector[]::new)));
    byte[] truncatedInside = Arrays.copyOf(bytes, bytes.length - 3);
    byte[] wrongVersion = bytes.clone();
    // The version byte follows the class id, the varint length and the 4-byte magic.
    int magicAt = indexOf(bytes, new byte[] {'E', 'M', 'B', 'C'});
    wrongVersion[magicAt + 4] = 9;
    assertThatThrownBy(() -> serializer.deserialize(wrongVersion, Batch.class))
        .isInstanceOf(SerializationException.class).hasRootCauseInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("unsupported codec version 9");
    assertThatThrownBy(() -> serializer.deserialize(truncatedInside, Batch.class))
        .isInstanceOf(SerializationException.class);
    byte[] wrongClass = serializer.serialize(new IntVector(ColumnType.INT, new int[] {1}, null, 1));
    // The same bytes read as a LongVector: the codec says INT, the serializer refuses.
    Kryo kryo = KryoRegistry.newKryo();
    try (Input input = new Input(wrongClass)) {
      kryo.readClass(input);
      assertThatThrownBy(() -> kryo.readObject(input, LongVector.class))
          .hasMessageContaining("expected one LongVector but the bytes hold 1 columns of int");
    }
  }

  private static int indexOf(byte[] bytes, byte[] pattern) {
    for (int i = 0; i + pattern.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    throw new AssertionError("pattern not found");
  }

  @Test
  void aBatchSentAgainIsEncodedTwiceAtMostAndItsBytesStayTheSame() {
    Batch batch = Batch.of(vectorsOfEveryType().toArray(ColumnVector[]::new));
    long before = EncodedBatches.encodings();
    byte[] first = serializer.serialize(List.of(batch));
    byte[] second = serializer.serialize(List.of(batch));
    // The second encoding keeps the bytes; later trips (any Kryo instance, any thread) reuse them.
    assertThat(EncodedBatches.encodings() - before).isEqualTo(2);
    byte[] third = serializer.serialize(List.of(batch));
    byte[] fourth = serializer.serialize(batch);
    assertThat(EncodedBatches.encodings() - before).isEqualTo(2);
    assertThat(second).isEqualTo(first);
    assertThat(third).isEqualTo(first);
    Batch copy = serializer.deserialize(fourth, Batch.class);
    assertThat(copy.rows()).isEqualTo(batch.rows());

    // An equal batch that is another object is encoded on its own: the cache goes by identity.
    Batch twin = Batch.of(vectorsOfEveryType().toArray(ColumnVector[]::new));
    serializer.serialize(twin);
    assertThat(EncodedBatches.encodings() - before).isEqualTo(3);
  }

  @Test
  void aBatchLargerThanTheKeptSizeIsEncodedEveryTime() {
    int rows = EncodedBatches.MAX_KEPT_BYTES / 8 + 1;
    long[] values = new long[rows];
    for (int i = 0; i < rows; i++) {
      values[i] = i * 0x9E3779B97F4A7C15L;
    }
    Batch large = Batch.of(new LongVector(ColumnType.LONG, values, null, rows));
    long before = EncodedBatches.encodings();
    for (int i = 0; i < 3; i++) {
      serializer.serialize(large);
    }
    assertThat(EncodedBatches.encodings() - before).isEqualTo(3);
  }
}
