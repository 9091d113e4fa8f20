package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.util.Objects;

/**
 * Turns tasks, results and control messages into bytes and back with Kryo, only for the classes of
 * {@link KryoRegistry}. Thread-safe: Kryo instances are not, so each call borrows one from a pool.
 */
public final class EmberSerializer {
  private static final EmberSerializer SHARED = new EmberSerializer();

  private final Pool<Kryo> pool = new Pool<>(true, false, 64) {
    @Override
    protected Kryo create() {
      return KryoRegistry.newKryo();
    }
  };

  /** One serializer per JVM is enough: it is thread-safe and its Kryo instances are pooled. */
  public static EmberSerializer shared() {
    return SHARED;
  }

  public byte[] serialize(Object value) {
    Objects.requireNonNull(value, "value is null");
    Kryo kryo = pool.obtain();
    try (Output output = new Output(256, -1)) {
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      throw new SerializationException(
          "cannot serialize " + value.getClass().getName() + ": " + e.getMessage()
              + " (every class sent between driver and executors must be registered in KryoRegistry)", e);
    } finally {
      pool.free(kryo);
    }
  }

  public <T> T deserialize(byte[] bytes, Class<T> type) {
    Objects.requireNonNull(bytes, "bytes is null");
    Objects.requireNonNull(type, "type is null");
    Kryo kryo = pool.obtain();
    Object value;
    try (Input input = new Input(bytes)) {
      value = kryo.readClassAndObject(input);
    } catch (KryoException | IllegalArgumentException e) {
      throw new SerializationException(
          "cannot deserialize " + bytes.length + " bytes as " + type.getName() + ": " + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
    if (!type.isInstance(value)) {
      throw new SerializationException(
          "expected " + type.getName() + " but the bytes hold " + (value == null ? "null" : value.getClass().getName()),
          null);
    }
    return type.cast(value);
  }
}
