package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import java.util.Objects;

/**
 * Turns tasks, results and control messages into bytes and back with Kryo, only for the classes of
 * {@link KryoRegistry}. Thread-safe: Kryo instances are not, so each call borrows one (with its
 * output buffer) from a pool.
 */
public final class EmberSerializer {
  private static final EmberSerializer SHARED = new EmberSerializer();

  /** The output buffer a pooled Kryo starts with. */
  static final int INITIAL_OUTPUT_BYTES = 4096;
  /** An output buffer grown past this (a large result) is not kept in the pool after its use. */
  static final int MAX_KEPT_OUTPUT_BYTES = 256 << 10;

  private final Pool<Codec> pool = new Pool<>(true, false, 64) {
    @Override
    protected Codec create() {
      return new Codec();
    }
  };

  /**
   * A Kryo instance and the output it writes into, used by one thread at a time (while borrowed).
   * The output's buffer is kept between uses: a task carrying a plan block of tens of kilobytes
   * would otherwise grow a fresh buffer from a few hundred bytes, copying it at every doubling.
   */
  private static final class Codec {
    final Kryo kryo = KryoRegistry.newKryo();
    final Output output = new Output(INITIAL_OUTPUT_BYTES, -1);
  }

  /** One serializer per JVM is enough: it is thread-safe and its Kryo instances are pooled. */
  public static EmberSerializer shared() {
    return SHARED;
  }

  public byte[] serialize(Object value) {
    Objects.requireNonNull(value, "value is null");
    Codec codec = pool.obtain();
    Output output = codec.output;
    try {
      output.reset();
      codec.kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (KryoException | IllegalArgumentException e) {
      throw new SerializationException(
          "cannot serialize " + value.getClass().getName() + ": " + e.getMessage()
              + " (every class sent between driver and executors must be registered in KryoRegistry)", e);
    } finally {
      if (output.getBuffer().length > MAX_KEPT_OUTPUT_BYTES) {
        output.setBuffer(new byte[INITIAL_OUTPUT_BYTES], -1);
      }
      pool.free(codec);
    }
  }

  public <T> T deserialize(byte[] bytes, Class<T> type) {
    Objects.requireNonNull(bytes, "bytes is null");
    Objects.requireNonNull(type, "type is null");
    Codec codec = pool.obtain();
    Object value;
    try (Input input = new Input(bytes)) {
      value = codec.kryo.readClassAndObject(input);
    } catch (KryoException | IllegalArgumentException e) {
      throw new SerializationException(
          "cannot deserialize " + bytes.length + " bytes as " + type.getName() + ": " + e.getMessage(), e);
    } finally {
      pool.free(codec);
    }
    if (!type.isInstance(value)) {
      throw new SerializationException(
          "expected " + type.getName() + " but the bytes hold " + (value == null ? "null" : value.getClass().getName()),
          null);
    }
    return type.cast(value);
  }
}
