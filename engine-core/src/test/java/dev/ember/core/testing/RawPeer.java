package dev.ember.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A misbehaving peer for tests of the engine's servers: raw bytes on a plain socket, no handshake. */
public final class RawPeer {
  private RawPeer() {}

  /**
   * Connects to 127.0.0.1:{@code port}, sends {@code bytes} and returns true when the server closes
   * the connection (end of stream or reset) within 10 s; whatever it sends first (a challenge, a
   * TLS alert) is read and ignored.
   */
  public static boolean closesAfter(int port, byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException alreadyClosed) {
        return true;
      }
      try {
        while (in.read() != -1) {
          // drain until the close
        }
        return true;
      } catch (SocketTimeoutException stillOpen) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
  }
}
