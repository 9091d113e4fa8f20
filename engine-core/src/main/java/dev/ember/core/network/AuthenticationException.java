package dev.ember.core.network;

/** A connection that did not complete the authentication handshake; writes waiting for it fail with this. */
public final class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message);
  }
}
