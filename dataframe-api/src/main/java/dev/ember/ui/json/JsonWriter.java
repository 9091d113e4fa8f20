package dev.ember.ui.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON value, streaming: {@code beginObject().name("a").value(1).endObject()}. Keeps
 * the nesting on a stack so a comma goes between members and elements. Not thread-safe: one
 * writer per answer. Doubles that are not finite are written as null (JSON has no NaN).
 */
public final class JsonWriter {
  private final StringBuilder text = new StringBuilder();
  /** Per open object or array: whether it has a member or element yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean afterName;

  public JsonWriter beginObject() {
    beforeValue();
    text.append('{');
    open.push(new boolean[1]);
    return this;
  }

  public JsonWriter endObject() {
    open.pop();
    text.append('}');
    return this;
  }

  public JsonWriter beginArray() {
    beforeValue();
    text.append('[');
    open.push(new boolean[1]);
    return this;
  }

  public JsonWriter endArray() {
    open.pop();
    text.append(']');
    return this;
  }

  public JsonWriter name(String name) {
    boolean[] state = open.peek();
    if (state == null) {
      throw new IllegalStateException("a member name outside an object: " + name);
    }
    if (state[0]) {
      text.append(',');
    }
    state[0] = true;
    string(name);
    text.append(':');
    afterName = true;
    return this;
  }

  public JsonWriter value(String value) {
    beforeValue();
    if (value == null) {
      text.append("null");
    } else {
      string(value);
    }
    return this;
  }

  public JsonWriter value(long value) {
    beforeValue();
    text.append(value);
    return this;
  }

  public JsonWriter value(double value) {
    beforeValue();
    if (Double.isFinite(value)) {
      text.append(value);
    } else {
      text.append("null");
    }
    return this;
  }

  public JsonWriter value(boolean value) {
    beforeValue();
    text.append(value);
    return this;
  }

  public JsonWriter nullValue() {
    beforeValue();
    text.append("null");
    return this;
  }

  /** {@code name} and a string value, or no member at all when {@code value} is null (Spark's Option). */
  public JsonWriter optional(String name, String value) {
    if (value != null) {
      name(name).value(value);
    }
    return this;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
      return;
    }
    boolean[] state = open.peek();
    if (state != null) {
      if (state[0]) {
        text.append(',');
      }
      state[0] = true;
    } else if (!text.isEmpty()) {
      throw new IllegalStateException("a second top-level JSON value");
    }
  }

  private void string(String value) {
    text.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> text.append("\\\"");
        case '\\' -> text.append("\\\\");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            // Control characters, and HTML's specials so that JSON is safe inside a page.
            text.append(String.format("\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    text.append('"');
  }

  /** The JSON text; the writer must have closed every object and array. */
  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException(open.size() + " JSON object(s) or array(s) not closed");
    }
    return text.toString();
  }
}
