package dev.ember.ui.server;

import dev.ember.ui.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A GET for tests, with HttpURLConnection (no client threads left behind). */
final class Http {
  record Answer(int status, String body) {}

  private Http() {}

  static Answer get(String url) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setConnectTimeout(10_000);
    connection.setReadTimeout(30_000);
    try {
      int status = connection.getResponseCode();
      try (InputStream input = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
        return new Answer(status, input == null ? "" : new String(input.readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      connection.disconnect();
    }
  }

  /** The JSON of a 200 answer. */
  static Object json(String url) throws IOException {
    Answer answer = get(url);
    if (answer.status() != 200) {
      throw new AssertionError("GET " + url + " answered " + answer.status() + ": " + answer.body());
    }
    return JsonReader.parse(answer.body());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object json) {
    return (Map<String, Object>) json;
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object json) {
    return (List<Object>) json;
  }

  static int integer(Object json) {
    return ((Number) json).intValue();
  }
}
