package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.integration.IntegrationSupport.allMessages;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.InvalidOptionException;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10: CSV records as Spark reads them (a stray quote damages only its line) and Spark's CSV option names. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class CsvRecordsAndOptionsIntegrationTest {
  @TempDir
  Path directory;

  private Path file(String name, String content) throws IOException {
    Path path = directory.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  private Path strayQuoteFile() throws IOException {
    StringBuilder text = new StringBuilder("id,name\n");
    for (int line = 2; line <= 10_001; line++) {
      text.append(line == 6 ? "\"unterminated" : line + ",n" + line).append('\n');
    }
    return file("stray.csv", text.toString());
  }

  @Test
  void aStrayQuoteDamagesOnlyItsLineInEveryMode() throws IOException {
    Path csv = strayQuoteFile();
    try (EmberSession session = session("local[2]", 2)) {
      assertThat(session.read().option("header", "true").csv(csv.toString()).count()).isEqualTo(10_000);
      assertThat(session.read().option("header", "true").option("mode", "DROPMALFORMED").csv(csv.toString()).count())
          .isEqualTo(9_999);
      DataFrame failFast = session.read().option("header", "true").option("mode", "FAILFAST").csv(csv.toString());
      assertThatThrownBy(failFast::count)
          .satisfies(error -> assertThat(allMessages(error)).contains("stray.csv").contains("line 6"));
      // multiLine=true is the one way to let the quote run on, as in Spark.
      assertThat(session.read().option("header", "true").option("multiLine", "true").csv(csv.toString()).count())
          .isEqualTo(5);
    }
  }

  @Test
  void unknownOptionNamesFailWithTheClosestMatches() throws IOException {
    Path csv = file("a.csv", "x\n1\n");
    try (EmberSession session = session("local[1]", 1)) {
      assertThatThrownBy(() -> session.read().option("bogusOptoin", "1").csv(csv.toString()))
          .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.option()).isEqualTo("bogusoptoin"))
          .hasMessageContaining("Unknown CSV option 'bogusoptoin'");
      assertThatThrownBy(() -> session.read().option("multiLines", "true").csv(csv.toString()))
          .isInstanceOfSatisfying(InvalidOptionException.class, e -> assertThat(e.suggestions()).first().isEqualTo("multiLine"))
          .hasMessageContaining("did you mean multiLine");
      assertThatThrownBy(() -> session.read().option("heade", "true").csv(csv.toString()))
          .hasMessageContaining("did you mean header");
      assertThatThrownBy(() -> session.read().option("quoteAll", "true").csv(csv.toString()))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("'quoteAll' is not implemented by Ember");
      assertThatThrownBy(() -> session.read().option("encoding", "UTF-16").csv(csv.toString()))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("UTF-16");
      assertThatThrownBy(() -> session.read().option("samplingRatio", "0").csv(csv.toString()))
          .isInstanceOf(InvalidOptionException.class)
          .hasMessageContaining("samplingRatio");
      // Options are checked when the reader is used, not when they are set.
      assertThat(session.read().option("bogusOptoin", "1")).isNotNull();
    }
  }

  @Test
  void sparkOptionsShapeTheRecords() throws IOException {
    Path latin = directory.resolve("latin.csv");
    Files.write(latin, "name;city\r# a comment\rJosé;  Zürich  \r\"\";x\r".getBytes(StandardCharsets.ISO_8859_1));
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame read = session.read().option("header", "true").option("sep", ";").option("encoding", "ISO-8859-1")
          .option("comment", "#").option("ignoreLeadingWhiteSpace", "true").option("ignoreTrailingWhiteSpace", "true")
          .option("emptyValue", "(empty)").csv(latin.toString());
      assertSameRows(read.collectAsList(), List.of(row("José", "Zürich"), row("(empty)", "x")));

      Path piped = file("piped.csv", "a,b|1,\"x\ny\"|2,z|");
      DataFrame bySeparator = session.read().option("header", "true").option("lineSep", "|")
          .schema("a INT, b STRING").csv(piped.toString());
      assertSameRows(bySeparator.collectAsList(), List.of(row(1, "x\ny"), row(2, "z")));
    }
  }

  @Test
  void corruptRecordsGoToTheirColumnInPermissiveMode() throws IOException {
    Path csv = file("bad.csv", "1,ok\nnot a number,bad\n3,\"open\n4,fine\n");
    try (EmberSession session = session("local[1]", 1)) {
      StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType)
          .add("_corrupt_record", DataTypes.StringType);
      DataFrame read = session.read().schema(schema).csv(csv.toString());
      assertSameRows(read.collectAsList(), List.of(
          row(1, "ok", null), row(null, "bad", "not a number,bad"), row(3, "open", "3,\"open"), row(4, "fine", null)));
      assertThat(read.filter(col("_corrupt_record").isNotNull()).count()).isEqualTo(2);
      DataFrame renamed = session.read().option("columnNameOfCorruptRecord", "raw")
          .schema("id INT, text STRING, raw STRING").csv(csv.toString());
      assertThat(renamed.filter(col("raw").isNotNull()).count()).isEqualTo(2);
    }
  }

  @Test
  void enforceSchemaFalseChecksTheHeaderAndSamplingRatioSamples() throws IOException {
    Path csv = file("people.csv", "name,age\nann,31\n");
    try (EmberSession session = session("local[1]", 1)) {
      assertThat(session.read().option("header", "true").option("enforceSchema", "false")
          .schema("NAME STRING, age INT").csv(csv.toString()).count()).isEqualTo(1);
      assertThatThrownBy(() -> session.read().option("header", "true").option("enforceSchema", "false")
          .schema("name STRING, years INT").csv(csv.toString()))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("CSV header does not conform to the schema")
          .hasMessageContaining("people.csv");
      // enforceSchema=true (the default) reads by position.
      assertThat(session.read().option("header", "true").schema("name STRING, years INT").csv(csv.toString())
          .first().getInt(1)).isEqualTo(31);

      StringBuilder numbers = new StringBuilder("n\n");
      for (int i = 0; i < 2_000; i++) {
        numbers.append(i).append('\n');
      }
      Path many = file("many.csv", numbers.toString());
      DataFrame sampled = session.read().option("header", "true").option("inferSchema", "true")
          .option("samplingRatio", "0.1").csv(many.toString());
      assertThat(sampled.schema()).isEqualTo(new StructType().add("n", DataTypes.IntegerType));
    }
  }
}
