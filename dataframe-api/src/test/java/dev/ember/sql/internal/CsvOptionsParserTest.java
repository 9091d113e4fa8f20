package dev.ember.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.ParseMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvOptionsParserTest {
  @Test
  void defaultsAreSparks() {
    assertThat(CsvOptionsParser.parse(Map.of())).isEqualTo(CsvOptions.defaults());
    assertThat(CsvOptionsParser.inferSchema(Map.of())).isFalse();
  }

  @Test
  void parsesEveryOption() {
    CsvOptions options = CsvOptionsParser.parse(Map.of(
        "header", "TRUE", "sep", "\\t", "quote", "'", "escape", "\"", "nullvalue", "NA",
        "dateformat", "dd/MM/yyyy", "timestampformat", "yyyy-MM-dd HH:mm", "mode", "dropMalformed",
        "someunknownoption", "ignored"));
    assertThat(options).isEqualTo(new CsvOptions(
        true, '\t', '\'', '"', "NA", "dd/MM/yyyy", "yyyy-MM-dd HH:mm", ParseMode.DROPMALFORMED));
    assertThat(CsvOptionsParser.inferSchema(Map.of("inferschema", "true"))).isTrue();
  }

  @Test
  void delimiterIsASynonymOfSep() {
    assertThat(CsvOptionsParser.parse(Map.of("delimiter", ";")).delimiter()).isEqualTo(';');
    assertThat(CsvOptionsParser.parse(Map.of("sep", "|", "delimiter", ";")).delimiter()).isEqualTo('|');
    assertThat(CsvOptionsParser.parse(Map.of("sep", "\\u0001")).delimiter()).isEqualTo('\u0001');
  }

  @Test
  void emptyQuoteTurnsQuotingOff() {
    assertThat(CsvOptionsParser.parse(Map.of("quote", "")).quote()).isEqualTo('\u0000');
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> CsvOptionsParser.parse(Map.of("mode", "lenient")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lenient'")
        .hasMessageContaining("PERMISSIVE, DROPMALFORMED, FAILFAST");
    assertThatThrownBy(() -> CsvOptionsParser.parse(Map.of("header", "yes")))
        .hasMessage("option 'header' must be true or false, got 'yes'");
    assertThatThrownBy(() -> CsvOptionsParser.parse(Map.of("sep", "ab")))
        .hasMessageContaining("option 'sep' must be a single character");
    assertThatThrownBy(() -> CsvOptionsParser.parse(Map.of("sep", "")))
        .hasMessageContaining("option 'sep' cannot be an empty string");
    assertThatThrownBy(() -> CsvOptionsParser.parse(Map.of("dateformat", "yyyy-bb")))
        .hasMessageContaining("option 'dateFormat' is not a valid date-time pattern: 'yyyy-bb'");
  }

  @Test
  void modesAreCaseInsensitive() {
    assertThat(CsvOptionsParser.parseMode("failfast")).isEqualTo(ParseMode.FAILFAST);
    assertThat(CsvOptionsParser.parseMode("Permissive")).isEqualTo(ParseMode.PERMISSIVE);
  }
}
