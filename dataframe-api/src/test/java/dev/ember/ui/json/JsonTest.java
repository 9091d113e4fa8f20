package dev.ember.ui.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void writtenValuesReadBackEqualIncludingEscapesAndNesting() {
    Random random = new Random(12);
    for (int round = 0; round < 200; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(20); i > 0; i--) {
        text.append((char) random.nextInt(0x3000));
      }
      long number = random.nextLong();
      String json = new JsonWriter().beginObject().name("s").value(text.toString()).name("n").value(number)
          .name("a").beginArray().value(true).nullValue().value(1.5).beginObject().endObject().endArray()
          .name("e").beginArray().endArray().endObject().toString();
      Map<String, Object> expected = new LinkedHashMap<>();
      expected.put("s", text.toString());
      expected.put("n", number);
      expected.put("a", Arrays.asList(true, null, 1.5, Map.of()));
      expected.put("e", List.of());
      assertThat(JsonReader.parse(json)).isEqualTo(expected);
      assertThat(json).doesNotContain("<").doesNotContain("\n");
    }
  }

  @Test
  void malformedTextAndMisuseAreRefused() {
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":1,}")).hasMessageContaining("offset");
    assertThatThrownBy(() -> JsonReader.parse("[1] 2")).hasMessageContaining("text after");
    assertThatThrownBy(() -> JsonReader.parse("\"abc")).hasMessageContaining("ended");
    assertThatThrownBy(() -> new JsonWriter().beginObject().toString()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonWriter().value(1).value(2)).isInstanceOf(IllegalStateException.class);
    assertThat(new JsonWriter().value(Double.NaN).toString()).isEqualTo("null");
  }
}
