package dev.ember.core.network;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.RecordSerializer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The fixed, ordered list of message types one protocol may send: records whose components are
 * primitives, {@code String}, {@code byte[]}, enums or other records of the list. Both ends build
 * the same list, so registration ids agree; Kryo runs with registration required, so bytes from
 * the wire can only instantiate these classes.
 *
 * <p>Collections are refused on purpose: Kryo sizes a collection (and Kryo's own strings and byte
 * arrays) from a length read off the wire before it checks the bytes are there, so a short hostile
 * message could ask for gigabytes. Strings and byte arrays here use serializers that check the
 * length against the bytes left in the frame first.
 */
public final class MessageRegistry {
  /** First id of the message types; Kryo's defaults (primitives, String) and byte[] sit below it. */
  private static final int FIRST_ID = 16;

  static {
    // As in KryoRegistry: keep Kryo off sun.misc.Unsafe (a JDK 24+ warning) unless the embedder chose.
    if (System.getProperty("kryo.unsafe") == null) {
      System.setProperty("kryo.unsafe", "false");
    }
  }

  private final List<Class<?>> types;
  private final Set<Class<?>> messageTypes;

  private MessageRegistry(List<Class<?>> types, Set<Class<?>> messageTypes) {
    this.types = types;
    this.messageTypes = messageTypes;
  }

  /**
   * A registry of {@code messageTypes} (what may be sent on its own) and, implicitly, the enums and
   * records their components use.
   *
   * @throws IllegalArgumentException for a type that is not a record, or a component type that
   *     cannot travel safely (a collection, an interface, {@code Object}, ...)
   */
  public static MessageRegistry of(List<Class<? extends Record>> messageTypes) {
    Objects.requireNonNull(messageTypes, "messageTypes is null");
    Set<Class<?>> ordered = new LinkedHashSet<>();
    for (Class<? extends Record> type : messageTypes) {
      collect(type, ordered);
    }
    return new MessageRegistry(List.copyOf(ordered), Set.copyOf(messageTypes));
  }

  private static void collect(Class<?> type, Set<Class<?>> ordered) {
    if (type.isPrimitive() || type == String.class || type == byte[].class || ordered.contains(type)) {
      return;
    }
    if (type.isEnum()) {
      ordered.add(type);
      return;
    }
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " cannot be a message part: use records whose components"
          + " are primitives, String, byte[], enums or records");
    }
    ordered.add(type);
    for (RecordComponent component : type.getRecordComponents()) {
      collect(component.getType(), ordered);
    }
  }

  /** Every registered type (message types, then the records and enums they use), in id order. */
  public List<Class<?>> types() {
    return types;
  }

  /** True when {@code type} may be sent as a message of its own. */
  public boolean isMessageType(Class<?> type) {
    return messageTypes.contains(type);
  }

  /** A new Kryo for these types; Kryo is not thread-safe, so each connection's codec has its own. */
  public Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.register(String.class, new CheckedStringSerializer());
    kryo.register(byte[].class, new CheckedByteArraySerializer());
    int id = FIRST_ID;
    for (Class<?> type : types) {
      if (type.isRecord()) {
        kryo.register(type, new RecordSerializer<>(type), id++);
      } else {
        kryo.register(type, id++);
      }
    }
    return kryo;
  }

  private static int checkedLength(Input input, int length) {
    if (length < 0) {
      throw new KryoException("negative length " + length);
    }
    int left = input.limit() - input.position();
    if (length > left) {
      throw new KryoException("a length of " + length + " bytes, but only " + left + " bytes are left in the frame");
    }
    return length;
  }

  /** UTF-8 with a length prefix, checked against the frame before anything is allocated. */
  private static final class CheckedStringSerializer extends Serializer<String> {
    CheckedStringSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, String value) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      output.writeVarInt(bytes.length, true);
      output.writeBytes(bytes);
    }

    @Override
    public String read(Kryo kryo, Input input, Class<? extends String> type) {
      int length = checkedLength(input, input.readVarInt(true));
      return new String(input.readBytes(length), StandardCharsets.UTF_8);
    }
  }

  /** Bytes with a length prefix, checked against the frame before the array is allocated. */
  private static final class CheckedByteArraySerializer extends Serializer<byte[]> {
    @Override
    public void write(Kryo kryo, Output output, byte[] value) {
      output.writeVarInt(value.length, true);
      output.writeBytes(value);
    }

    @Override
    public byte[] read(Kryo kryo, Input input, Class<? extends byte[]> type) {
      return input.readBytes(checkedLength(input, input.readVarInt(true)));
    }

    @Override
    public byte[] copy(Kryo kryo, byte[] original) {
      return original.clone();
    }
  }
}
