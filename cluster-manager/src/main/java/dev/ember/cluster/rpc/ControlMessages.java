package dev.ember.cluster.rpc;

import dev.ember.core.network.MessageRegistry;
import java.util.ArrayList;
import java.util.List;

/** The one registry of {@link ControlMessage} types, built once. */
final class ControlMessages {
  static final MessageRegistry REGISTRY = MessageRegistry.of(messageTypes());

  private ControlMessages() {}

  private static List<Class<? extends Record>> messageTypes() {
    List<Class<? extends Record>> types = new ArrayList<>();
    for (Class<?> type : ControlMessage.class.getPermittedSubclasses()) {
      types.add(type.asSubclass(Record.class));
    }
    return types;
  }
}
