package dev.ember.core.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The challenge-response both ends follow; the secret never crosses the wire.
 * <pre>
 *   server -> client  CHALLENGE     server nonce (32 random bytes)
 *   client -> server  RESPONSE      client nonce, HMAC-SHA256(secret, "ember-client" | server nonce | client nonce)
 *   server -> client  CONFIRMATION  HMAC-SHA256(secret, "ember-server" | server nonce | client nonce)
 * </pre>
 * The server's proof makes the check mutual, so a client never sends messages to an impostor.
 * Fresh nonces on both sides keep a recorded exchange from being replayed. Each handshake frame is
 * a tag byte and fixed-size fields; anything else is a refusal.
 */
final class AuthenticationProtocol {
  static final byte CHALLENGE = 1;
  static final byte RESPONSE = 2;
  static final byte CONFIRMATION = 3;
  static final int NONCE_BYTES = 32;
  static final int PROOF_BYTES = 32;
  static final int CHALLENGE_BYTES = 1 + NONCE_BYTES;
  static final int RESPONSE_BYTES = 1 + NONCE_BYTES + PROOF_BYTES;
  static final int CONFIRMATION_BYTES = 1 + PROOF_BYTES;
  private static final byte[] CLIENT_LABEL = "ember-client".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_LABEL = "ember-server".getBytes(StandardCharsets.US_ASCII);
  private static final String ALGORITHM = "HmacSHA256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  AuthenticationProtocol(byte[] secret) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the authentication secret is empty");
    }
    this.key = new SecretKeySpec(secret, ALGORITHM);
  }

  static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  byte[] clientProof(byte[] serverNonce, byte[] clientNonce) {
    return mac(CLIENT_LABEL, serverNonce, clientNonce);
  }

  byte[] serverProof(byte[] serverNonce, byte[] clientNonce) {
    return mac(SERVER_LABEL, serverNonce, clientNonce);
  }

  /** Compares in constant time, so timing does not tell how much of a guess was right. */
  static boolean matches(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }

  static ByteBuf frame(ByteBufAllocator allocator, byte tag, byte[]... fields) {
    int length = 1;
    for (byte[] field : fields) {
      length += field.length;
    }
    ByteBuf frame = allocator.buffer(length).writeByte(tag);
    for (byte[] field : fields) {
      frame.writeBytes(field);
    }
    return frame;
  }

  /** True when {@code frame} is a handshake frame of {@code tag} with exactly {@code length} bytes. */
  static boolean is(ByteBuf frame, byte tag, int length) {
    return frame.readableBytes() == length && frame.getByte(frame.readerIndex()) == tag;
  }

  private byte[] mac(byte[] label, byte[] serverNonce, byte[] clientNonce) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update(label);
      mac.update(serverNonce);
      mac.update(clientNonce);
      return mac.doFinal();
    } catch (GeneralSecurityException missing) {
      // Every JDK ships HmacSHA256; reaching this means a broken runtime.
      throw new IllegalStateException("HmacSHA256 is not available", missing);
    }
  }
}
