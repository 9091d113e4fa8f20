package dev.ember.core.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records through the cached-handle serializer: every component kind, nulls, nesting, and a constructor that refuses. */
class CachedRecordSerializerTest {
  interface Shape {}

  record Point(int x, long y, double weight, boolean visible) implements Shape {}

  record Named(String name, Shape shape, List<Shape> more) implements Shape {}

  record Positive(int value) {
    Positive {
      if (value <= 0) {
        throw new IllegalArgumentException("value must be positive, got " + value);
      }
    }
  }

  record Holder(int value) {}

  private static Kryo kryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.register(ArrayList.class, 20);
    kryo.register(Point.class, new CachedRecordSerializer<>(Point.class), 21);
    kryo.register(Named.class, new CachedRecordSerializer<>(Named.class), 22);
    kryo.register(Positive.class, new CachedRecordSerializer<>(Positive.class), 23);
    kryo.register(Holder.class, new CachedRecordSerializer<>(Holder.class), 24);
    return kryo;
  }

  private static Object roundTrip(Kryo kryo, Object value) {
    Output output = new Output(64, -1);
    kryo.writeClassAndObject(output, value);
    return kryo.readClassAndObject(new Input(output.toBytes()));
  }

  @Test
  void everyComponentKindRoundTrips() {
    Kryo kryo = kryo();
    Point point = new Point(-3, Long.MIN_VALUE, Double.NaN, true);
    assertThat(roundTrip(kryo, point)).isEqualTo(point);
    Named nested = new Named("é outer", new Named(null, point, null), new ArrayList<>(List.of(point, new Point(1, 2, -0.0, false))));
    assertThat(roundTrip(kryo, nested)).isEqualTo(nested);
  }

  @Test
  void valuesTheCanonicalConstructorRefusesAreAKryoException() {
    Kryo kryo = kryo();
    Output output = new Output(64, -1);
    // Written as a Holder(0), read back as a Positive: same layout, a value its constructor refuses.
    kryo.writeObject(output, new Holder(0));
    assertThatThrownBy(() -> kryo.readObject(new Input(output.toBytes()), Positive.class))
        .isInstanceOf(KryoException.class).hasMessageContaining("Positive").hasMessageContaining("must be positive");
  }

  @Test
  void onlyRecordsAreServed() {
    @SuppressWarnings({"rawtypes", "unchecked"})
    Class<Record> notARecord = (Class) String.class;
    assertThatThrownBy(() -> new CachedRecordSerializer<>(notARecord)).isInstanceOf(IllegalArgumentException.class);
  }
}
