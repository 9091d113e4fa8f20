package dev.ember.core.serialization;

/** An object could not be written or read by Ember's serializer (for example a class that is not registered). */
public class SerializationException extends RuntimeException {
  public SerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
