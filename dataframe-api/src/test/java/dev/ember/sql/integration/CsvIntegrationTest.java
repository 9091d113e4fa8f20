package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.integration.IntegrationSupport.allMessages;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** CSV read (header, inferSchema, parse modes, missing path) and write (every save mode). */
@ExtendWith(EngineHygiene.class)
@Tag("integration")
class CsvIntegrationTest {
  @TempDir
  Path directory;

  private Path file(String name, String content) throws IOException {
    Path path = directory.resolve(name);
    Files.writeString(path, content);
    return path;
  }

  @Test
  void headerAndInferSchema() throws IOException {
    Path csv = file("people.csv", "name,age,height,born,member\nann,31,1.62,1990-05-01,true\nbob,,1.80,,false\n"
        + "\"c, d\",7,2,2016-02-29,\n");
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame inferred = session.read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
      assertThat(inferred.schema()).isEqualTo(new StructType()
          .add("name", DataTypes.StringType).add("age", DataTypes.IntegerType).add("height", DataTypes.DoubleType)
          .add("born", DataTypes.DateType).add("member", DataTypes.BooleanType));
      assertSameRows(inferred.collectAsList(), List.of(
          row("ann", 31, 1.62, LocalDate.of(1990, 5, 1), true),
          row("bob", null, 1.80, null, false),
          row("c, d", 7, 2.0, LocalDate.of(2016, 2, 29), null)));

      DataFrame strings = session.read().option("header", "true").csv(csv.toString());
      assertThat(strings.schema().fields()).allMatch(field -> field.dataType() == DataTypes.StringType);
      assertThat(strings.filter(col("name").equalTo("bob")).first().isNullAt(1)).isTrue();

      DataFrame noHeader = session.read().csv(csv.toString());
      assertThat(noHeader.columns()).containsExactly("_c0", "_c1", "_c2", "_c3", "_c4");
      assertThat(noHeader.count()).isEqualTo(4);
    }
  }

  @Test
  void userSchemaOptionsAndNullValue() throws IOException {
    Path csv = file("semi.csv", "1;NA;04/03/2021\n2;x;05/03/2021\n");
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame frame = session.read()
          .schema("id INT, s STRING, d DATE")
          .option("sep", ";").option("nullValue", "NA").option("dateFormat", "dd/MM/yyyy")
          .option("someUnknownOption", "ignored")
          .format("csv").load(csv.toString());
      assertThat(frame.schema().fields()).allMatch(field -> field.nullable());
      assertSameRows(frame.collectAsList(), List.of(
          row(1, null, LocalDate.of(2021, 3, 4)), row(2, "x", LocalDate.of(2021, 3, 5))));
    }
  }

  @Test
  void parseModes() throws IOException {
    Path csv = file("bad.csv", "id,n\n1,10\n2,oops\n3,30,extra\n4\n");
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame permissive = session.read().option("header", "true").schema("id INT, n INT").csv(csv.toString());
      assertSameRows(permissive.collectAsList(), List.of(row(1, 10), row(2, null), row(3, 30), row(4, null)));

      DataFrame dropped = session.read().option("header", "true").option("mode", "dropmalformed")
          .schema("id INT, n INT").csv(csv.toString());
      assertSameRows(dropped.collectAsList(), List.of(row(1, 10)));

      DataFrame failFast = session.read().option("header", "true").option("mode", "FAILFAST")
          .schema("id INT, n INT").csv(csv.toString());
      assertThatThrownBy(failFast::collectAsList)
          .satisfies(error -> assertThat(allMessages(error)).contains("bad.csv").contains("line 3"));

      assertThatThrownBy(() -> session.read().option("mode", "strict").csv(csv.toString()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("PERMISSIVE, DROPMALFORMED, FAILFAST");
    }
  }

  @Test
  void missingPathFailsWhenTheDataFrameIsBuilt() {
    Path missing = directory.resolve("nowhere.csv");
    try (EmberSession session = session("local[1]", 1)) {
      assertThatThrownBy(() -> session.read().csv(missing.toString()))
          .isInstanceOf(AnalysisException.class)
          .hasMessageStartingWith("[PATH_NOT_FOUND] Path does not exist: file:")
          .hasMessageContaining(missing.toString());
    }
  }

  @Test
  void directoriesAndBigFilesSplitIntoPartitions() throws IOException {
    Path folder = Files.createDirectories(directory.resolve("parts"));
    StringBuilder big = new StringBuilder();
    long expectedSum = 0;
    for (int i = 0; i < 400_000; i++) {
      big.append(i).append(",abcdefghijklmnopqrstuvwxyz0123456789\n");
      expectedSum += i;
    }
    Files.writeString(folder.resolve("a.csv"), big);
    Files.writeString(folder.resolve("b.csv"), "1,x\n2,y\n");
    try (EmberSession session = session("local[4]", 4)) {
      DataFrame frame = session.read().schema("n BIGINT, s STRING").csv(folder.toString());
      assertThat(PlanPartitions.count(frame.queryExecution().physical())).isGreaterThan(2);
      assertThat(frame.count()).isEqualTo(400_002);
      Row total = frame.agg(dev.ember.sql.functions.sum(col("n"))).first();
      assertThat(total.getLong(0)).isEqualTo(expectedSum + 3);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void writeThenReadBackEveryMode(String master, int shufflePartitions) {
    Path target = directory.resolve("out-" + master.replaceAll("\\W", "") + shufflePartitions);
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> input = facts(700, 41);
      List<Row> second = facts(300, 42);
      DataFrame frame = session.createDataFrame(input, IntegrationSupport.FACTS);
      DataFrame other = session.createDataFrame(second, IntegrationSupport.FACTS);

      frame.write().option("header", "true").csv(target.toString());
      assertSameRows(readBack(session, target), input);

      assertThatThrownBy(() -> other.write().option("header", "true").csv(target.toString()))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("already exists")
          .hasMessageContaining(target.getFileName().toString());
      assertThatThrownBy(() -> other.write().mode("errorifexists").csv(target.toString()))
          .isInstanceOf(AnalysisException.class);

      other.write().mode("ignore").option("header", "true").csv(target.toString());
      assertSameRows(readBack(session, target), input);

      other.write().mode("append").option("header", "true").csv(target.toString());
      assertSameRows(readBack(session, target), IntegrationSupport.concat(input, second));

      other.write().mode("overwrite").option("header", "true").csv(target.toString());
      assertSameRows(readBack(session, target), second);
    }
  }

  @Test
  void writeOptionsRoundTrip() throws IOException {
    Path target = directory.resolve("options");
    try (EmberSession session = session("local[2]", 2)) {
      List<Row> input = List.of(row(1, "a;b", null), row(2, "", LocalDate.of(2020, 1, 2)), row(3, "say \"hi\"", null));
      StructType schema = StructType.fromDDL("id INT, s STRING, d DATE");
      session.createDataFrame(input, schema).coalesce(1).write()
          .option("sep", ";").option("nullValue", "NULL").option("dateFormat", "dd.MM.yyyy").csv(target.toString());
      try (Stream<Path> files = Files.list(target)) {
        assertThat(files.filter(path -> path.getFileName().toString().startsWith("part-"))).hasSize(1);
      }
      DataFrame back = session.read().schema(schema).option("sep", ";").option("nullValue", "NULL")
          .option("dateFormat", "dd.MM.yyyy").csv(target.toString());
      // the empty string comes back as null, as in Spark
      assertSameRows(back.collectAsList(), List.of(row(1, "a;b", null), row(2, null, LocalDate.of(2020, 1, 2)),
          row(3, "say \"hi\"", null)));
    }
  }

  /** The random data has no empty strings, so the rows read back equal the rows written. */
  private static List<Row> readBack(EmberSession session, Path target) {
    return session.read().option("header", "true").schema(IntegrationSupport.FACTS.toDDL().replace(" NOT NULL", ""))
        .csv(target.toString()).collectAsList();
  }
}
