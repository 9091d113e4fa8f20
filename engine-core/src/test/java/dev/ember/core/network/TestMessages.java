package dev.ember.core.network;

import java.util.List;

/** A small protocol for the codec and handshake tests. */
final class TestMessages {
  enum Kind { SMALL, LARGE }

  record Ping(int sequence, String text) {
    Ping {
      if (sequence < 0) {
        throw new IllegalArgumentException("sequence must not be negative");
      }
    }
  }

  record Payload(byte[] bytes, Kind kind, Ping inner) {}

  record NotRegistered(int value) {}

  record WithList(List<String> names) {}

  static final MessageRegistry REGISTRY = MessageRegistry.of(List.of(Ping.class, Payload.class));

  private TestMessages() {}
}
