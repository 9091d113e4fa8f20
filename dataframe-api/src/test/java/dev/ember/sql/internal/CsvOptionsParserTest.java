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
  void parsesSparksRecordAndValueOptions() {
    CsvOptions options = CsvOptionsParser.parseForRead(Map.ofEntries(
        Map.entry("multiline", "true"), Map.entry("charset", "latin1"), Map.entry("linesep", "\\n"),
        Map.entry("comment", "#"), Map.entry("ignoreleadingwhitespace", "true"), Map.entry("ignoretrailingwhitespace", "true"),
        Map.entry("emptyvalue", "EMPTY"), Map.entry("columnnameofcorruptrecord", "bad"), Map.entry("locale", "de-DE"),
        Map.entry("samplingratio", "0.5"), Map.entry("enforceschema", "false"), Map.entry("preferdate", "true")));
    assertThat(options).isEqualTo(CsvOptions.defaults().withMultiLine(true).withLines("ISO-8859-1", "\n", '#')
        .withValues(true, true, "EMPTY").withColumnNameOfCorruptRecord("bad").withLocale("de-DE"));
    assertThat(CsvOptionsParser.samplingRatio(Map.of("samplingratio", "0.5"))).isEqualTo(0.5);
    assertThat(CsvOptionsParser.enforceSchema(Map.of())).isTrue();
    assertThat(CsvOptionsParser.parseForRead(Map.of("encoding", "utf8")).encoding()).isEqualTo("UTF-8");
  }

  @Test
  void readerOptionNamesAreChecked() {
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("bogusoptoin", "1")))
        .isInstanceOfSatisfying(CsvOptionException.class, e -> {
          assertThat(e.option()).isEqualTo("bogusoptoin");
          assertThat(e.suggestions()).isEmpty();
        })
        .hasMessageStartingWith("Unknown CSV option 'bogusoptoin' (options: charset, columnNameOfCorruptRecord, comment,");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("delimeter", ",")))
        .isInstanceOfSatisfying(CsvOptionException.class, e -> assertThat(e.suggestions()).containsExactly("delimiter"));
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("nullvalues", "NA")))
        .hasMessageContaining("did you mean nullValue?");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("maxcolumns", "10")))
        .isInstanceOfSatisfying(CsvOptionException.class, e -> assertThat(e.option()).isEqualTo("maxcolumns"))
        .hasMessageStartingWith("The Spark CSV option 'maxColumns' is not implemented by Ember");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("preferdate", "false")))
        .hasMessageContaining("'preferDate' = false is not implemented");
    // The writer's parse keeps ignoring names it does not know.
    assertThat(CsvOptionsParser.parse(Map.of("quoteall", "true"))).isEqualTo(CsvOptions.defaults());
  }

  @Test
  void badRecordOptionValuesNameTheOption() {
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("linesep", "\r\n")))
        .isInstanceOf(CsvOptionException.class).hasMessageContaining("lineSep");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("encoding", "UTF-16")))
        .isInstanceOfSatisfying(CsvOptionException.class, e -> assertThat(e.option()).isEqualTo("encoding"));
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("samplingratio", "1.5")))
        .hasMessage("option 'samplingRatio' must be a number in (0, 1], got '1.5'");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("multiline", "maybe")))
        .hasMessage("option 'multiline' must be true or false, got 'maybe'");
    assertThatThrownBy(() -> CsvOptionsParser.parseForRead(Map.of("locale", "!!")))
        .hasMessageContaining("option 'locale'");
  }

  @Test
  void modesAreCaseInsensitive() {
    assertThat(CsvOptionsParser.parseMode("failfast")).isEqualTo(ParseMode.FAILFAST);
    assertThat(CsvOptionsParser.parseMode("Permissive")).isEqualTo(ParseMode.PERMISSIVE);
  }
}
