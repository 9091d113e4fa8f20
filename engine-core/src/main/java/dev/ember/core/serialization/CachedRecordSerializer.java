package dev.ember.core.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableSerializer;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.task.Task;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * A Kryo serializer for one record class whose component accessors and canonical constructor are
 * looked up once, as method handles. Kryo's own {@code RecordSerializer} finds them by reflection
 * for every object (a {@code getDeclaredMethod} per component per write, a {@code getConstructor}
 * per read), which made encoding a task's plan cost more than running a small task.
 *
 * <p>Layout: the components in declaration order; a primitive as its value, a component of a final
 * type without a class id (null allowed), a task's component declared {@link PhysicalPlan} (its
 * plan) as a block of bytes encoded once per stage ({@link StagePlans}), any other with its
 * registered class id. Thread-safe
 * (immutable); each Kryo instance registers its own.
 */
public final class CachedRecordSerializer<T extends Record> extends ImmutableSerializer<T> {
  private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);
  private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

  private final Class<T> type;
  private final String[] names;
  private final Class<?>[] componentTypes;
  private final MethodHandle[] accessors;
  private final MethodHandle constructor;
  /** A task record: its plan component travels as a stage block. */
  private final boolean planBlocks;

  public CachedRecordSerializer(Class<T> type) {
    this.type = type;
    this.planBlocks = Task.class.isAssignableFrom(type);
    RecordComponent[] components = type.getRecordComponents();
    if (components == null) {
      throw new IllegalArgumentException(type + " is not a record");
    }
    names = new String[components.length];
    componentTypes = new Class<?>[components.length];
    accessors = new MethodHandle[components.length];
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      for (int i = 0; i < components.length; i++) {
        names[i] = components[i].getName();
        componentTypes[i] = components[i].getType();
        Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        accessors[i] = lookup.unreflect(accessor).asType(ACCESSOR);
      }
      Constructor<T> canonical = type.getDeclaredConstructor(componentTypes);
      canonical.setAccessible(true);
      constructor = lookup.unreflectConstructor(canonical).asSpreader(Object[].class, components.length).asType(CONSTRUCTOR);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot serialize record " + type.getName() + ": " + e, e);
    }
  }

  @Override
  public void write(Kryo kryo, Output output, T object) {
    for (int i = 0; i < accessors.length; i++) {
      Class<?> componentType = componentTypes[i];
      try {
        Object value = accessors[i].invokeExact((Object) object);
        if (planBlocks && componentType == PhysicalPlan.class) {
          // A task's plan: its stage's encoding, made once (StagePlans).
          StagePlans.write(kryo, output, (PhysicalPlan) value);
        } else if (componentType.isPrimitive()) {
          kryo.writeObject(output, value);
        } else if (kryo.isFinal(componentType)) {
          kryo.writeObjectOrNull(output, value, componentType);
        } else {
          kryo.writeClassAndObject(output, value);
        }
      } catch (KryoException e) {
        e.addTrace(names[i] + " (" + type.getName() + ")");
        throw e;
      } catch (Throwable e) {
        KryoException wrapped = new KryoException(e);
        wrapped.addTrace(names[i] + " (" + type.getName() + ")");
        throw wrapped;
      }
    }
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> requested) {
    Object[] values = new Object[accessors.length];
    for (int i = 0; i < values.length; i++) {
      Class<?> componentType = componentTypes[i];
      try {
        if (planBlocks && componentType == PhysicalPlan.class) {
          values[i] = StagePlans.read(kryo, input);
        } else if (componentType.isPrimitive()) {
          values[i] = kryo.readObject(input, componentType);
        } else if (kryo.isFinal(componentType)) {
          values[i] = kryo.readObjectOrNull(input, componentType);
        } else {
          values[i] = kryo.readClassAndObject(input);
        }
      } catch (KryoException e) {
        e.addTrace(names[i] + " (" + type.getName() + ")");
        throw e;
      }
    }
    try {
      return type.cast(constructor.invokeExact(values));
    } catch (KryoException e) {
      throw e;
    } catch (Throwable e) {
      // The canonical constructor validates: a record that refuses its values is a corrupt input.
      KryoException wrapped = new KryoException("cannot construct " + type.getName() + ": " + e, e);
      wrapped.addTrace(type.getName());
      throw wrapped;
    }
  }
}
