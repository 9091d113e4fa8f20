package dev.ember.sql;

import static dev.ember.sql.functions.broadcast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.cluster.MasterUrl;
import dev.ember.core.types.ColumnType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's own logic, with a fake job runner: nothing here needs the engine, analyzer or planner. */
class EmberSessionTest {
  private final FakeJobRunner runner = new FakeJobRunner(3);
  private final List<EmberSession> sessions = new ArrayList<>();

  private EmberSession session(EmberSession.Builder builder) {
    EmberSession session = builder.engines(runner.starter()).getOrCreate();
    sessions.add(session);
    return session;
  }

  private EmberSession session() {
    return session(EmberSession.builder().master("local[3]"));
  }

  @AfterEach
  void stopAll() {
    sessions.forEach(EmberSession::stop);
  }

  @Test
  void getOrCreateReturnsTheRunningSession() {
    EmberSession first = session();
    EmberSession second = session(EmberSession.builder().config("ember.sql.shuffle.partitions", "7"));
    assertThat(second).isSameAs(first);
    assertThat(first.conf().get("ember.sql.shuffle.partitions")).isEqualTo("7");
    assertThat(EmberSession.getActiveSession()).contains(first);
    first.stop();
    assertThat(EmberSession.getActiveSession()).isEmpty();
    EmberSession third = session();
    assertThat(third).isNotSameAs(first);
  }

  @Test
  void startsTheEngineWithTheMasterAndEmberSettings() {
    session(EmberSession.builder().master("local[3]").appName("test").config("ember.task.maxFailures", 2)
        .config("spark.ignored", "x"));
    assertThat(runner.startedMaster).isEqualTo("local[3]");
    assertThat(runner.startedSettings)
        .containsEntry("ember.task.maxFailures", "2")
        .containsEntry("ember.shuffle.compress", "true")
        .doesNotContainKey("spark.ignored");
  }

  @Test
  void sparkNamesOfEmberSettingsReachTheEngineAndTheConf() {
    EmberSession session = session(EmberSession.builder().master("local[3]")
        .config("spark.sql.shuffle.partitions", "7")
        .config("spark.executor.memory", "2g")
        .config("spark.local.dir", "/tmp/spark-named")
        .config("spark.shuffle.compress", "false")
        .config("spark.task.maxFailures", "6")
        .config("spark.sql.autoBroadcastJoinThreshold", "-1")
        .config("spark.sql.optimizer.excludedRules", "PruneColumns")
        .config("spark.eventLog.compress", "true"));
    assertThat(runner.startedSettings)
        .containsEntry("ember.executor.memory", "2g")
        .containsEntry("ember.local.dir", "/tmp/spark-named")
        .containsEntry("ember.shuffle.compress", "false")
        .containsEntry("ember.task.maxFailures", "6")
        .doesNotContainKey("spark.executor.memory");
    assertThat(session.shufflePartitions()).isEqualTo(7);
    assertThat(session.autoBroadcastJoinThreshold()).isEqualTo(-1L);
    assertThat(session.conf().get("ember.sql.optimizer.excludedRules")).isEqualTo("PruneColumns");
    assertThat(session.conf().get("spark.executor.memory")).isEqualTo("2g");
    assertThat(session.conf().getAll()).containsEntry("spark.eventLog.compress", "true");
    assertThatThrownBy(() -> session.conf().set("spark.executor.memory", "4g"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("static config: spark.executor.memory (Ember's ember.executor.memory)");
    assertThatThrownBy(() -> EmberSession.builder().config("spark.sql.shuffle.partitions", "none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spark.sql.shuffle.partitions (Ember's ember.sql.shuffle.partitions):"
            + " ember.sql.shuffle.partitions should be int, but was 'none'");
  }

  @Test
  void defaultMasterIsAllCores() {
    session(EmberSession.builder());
    assertThat(runner.startedMaster).isEqualTo("local[*]");
  }

  @Test
  void mastersAreValidated() {
    assertThat(EmberSession.Builder.validateMaster("local")).isEqualTo(new MasterUrl.Local(1, null));
    assertThat(EmberSession.Builder.validateMaster("local[4]")).isEqualTo(new MasterUrl.Local(4, null));
    assertThat(EmberSession.Builder.validateMaster("local[*]")).isInstanceOf(MasterUrl.Local.class);
    assertThat(EmberSession.Builder.validateMaster("local[2,3]")).isEqualTo(new MasterUrl.Local(2, 3));
    assertThat(EmberSession.Builder.validateMaster("ember://host:7077")).isEqualTo(new MasterUrl.Standalone("host", 7077));
    assertThat(EmberSession.Builder.validateMaster("local-cluster[2,1,1024]"))
        .isEqualTo(new MasterUrl.LocalCluster(2, 1, 1024L << 20));
    assertThatThrownBy(() -> EmberSession.Builder.validateMaster("local[0]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need at least 1");
    assertThatThrownBy(() -> EmberSession.Builder.validateMaster("yarn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Could not parse master URL: 'yarn'")
        .hasMessageContaining("local[*]");
  }

  @Test
  void aBadMasterFailsBeforeAnyEngineStarts() {
    assertThatThrownBy(() -> session(EmberSession.builder().master("local[2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember://host:port");
    assertThat(runner.startedMaster).isNull();
  }

  @Test
  void anUnreachableStandaloneMasterFailsAtGetOrCreate() {
    // The URL parses; the real engine starter cannot reach a master there.
    assertThatThrownBy(() -> EmberSession.builder().master("ember://127.0.0.1:1").getOrCreate())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("standalone master at 127.0.0.1:1");
    assertThat(EmberSession.getActiveSession()).isEmpty();
  }

  @Test
  void builderRejectsUnknownEmberKeysAtOnce() {
    assertThatThrownBy(() -> EmberSession.builder().config("ember.sql.shufle.partitions", "4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Did you mean ember.sql.shuffle.partitions?");
  }

  @Test
  void confDefaultsAndSettings() {
    EmberSession session = session();
    RuntimeConfig conf = session.conf();
    assertThat(conf.get("ember.sql.shuffle.partitions")).isEqualTo("3");
    // Local mode: a quarter of one task's execution share of the heap-sized executor memory over 3 slots
    // (see LocalBroadcastThresholdTest).
    assertThat(conf.get("ember.sql.autoBroadcastJoinThreshold")).isEqualTo(Long.toString(
        PlannerSettings.localAutoBroadcastJoinThreshold(UnifiedMemoryManager.defaultExecutorMemory(), 3)));
    assertThat(conf.get("ember.task.maxFailures")).isEqualTo("4");
    assertThat(conf.get("ember.shuffle.compress")).isEqualTo("true");
    assertThat(conf.get("ember.local.dir")).isEqualTo(System.getProperty("java.io.tmpdir"));
    // Spark's local-mode rule: unset, the executor memory is this JVM's max heap.
    assertThat(conf.get("ember.executor.memory")).isEqualTo((Runtime.getRuntime().maxMemory() >> 20) + "m");
    assertThat(conf.get("ember.sql.optimizer.excludedRules")).isEmpty();
    assertThat(conf.get("ember.sql.shuffle.partitions", "9")).isEqualTo("9");

    conf.set("ember.sql.shuffle.partitions", "5");
    assertThat(conf.get("ember.sql.shuffle.partitions")).isEqualTo("5");
    assertThat(session.shufflePartitions()).isEqualTo(5);
    conf.unset("ember.sql.shuffle.partitions");
    assertThat(session.shufflePartitions()).isEqualTo(3);

    // Spark's name of an Ember setting is that setting (issue #10: it used to be stored and ignored).
    conf.set("spark.sql.shuffle.partitions", "200");
    assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("200");
    assertThat(conf.getAll()).containsEntry("ember.sql.shuffle.partitions", "200");
    assertThat(session.shufflePartitions()).isEqualTo(200);
    conf.unset("spark.sql.shuffle.partitions");
    assertThat(session.shufflePartitions()).isEqualTo(3);
    conf.set("spark.some.other", "x");
    assertThat(conf.getAll()).containsEntry("spark.some.other", "x");
    assertThatThrownBy(() -> conf.get("spark.not.set")).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> conf.get("ember.sql.shuffle.partitons"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Did you mean ember.sql.shuffle.partitions?");
    assertThatThrownBy(() -> conf.set("ember.sql.shuffle.partitions", "-2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> conf.set("ember.executor.memory", "4g"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("Cannot modify the value of a static config: ember.executor.memory");
    assertThat(conf.isModifiable("ember.sql.shuffle.partitions")).isTrue();
    assertThat(conf.isModifiable("ember.local.dir")).isFalse();
  }

  @Test
  void stopIsIdempotentAndLaterActionsFail() {
    EmberSession session = session();
    DataFrame range = session.range(10);
    session.close();
    session.stop();
    assertThat(runner.closeCount).isEqualTo(1);
    assertThat(session.isStopped()).isTrue();
    assertThatThrownBy(range::count).isInstanceOf(IllegalStateException.class).hasMessageContaining("session is stopped");
    assertThatThrownBy(range::collectAsList).isInstanceOf(IllegalStateException.class).hasMessageContaining("session is stopped");
    assertThatThrownBy(() -> range.write().csv("/tmp/never")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("session is stopped");
    assertThatThrownBy(() -> session.range(3)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(session::read).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rangeIsOneLongColumnId() {
    EmberSession session = session();
    DataFrame range = session.range(5, 100, 3, 4);
    RangeRelation relation = (RangeRelation) range.logicalPlan();
    assertThat(relation.start()).isEqualTo(5);
    assertThat(relation.end()).isEqualTo(100);
    assertThat(relation.step()).isEqualTo(3);
    assertThat(relation.partitionCount()).isEqualTo(4);
    assertThat(range.schema()).isEqualTo(new StructType().add("id", DataTypes.LongType, false));
    assertThat(range.columns()).containsExactly("id");
    assertThat(((RangeRelation) session.range(10).logicalPlan()).partitionCount()).isEqualTo(3);
    assertThat(((RangeRelation) session.range(10).logicalPlan()).start()).isZero();
    assertThat(range.toString()).isEqualTo("[id: bigint]");
    assertThatThrownBy(() -> session.range(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> session.range(0, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void createDataFrameSplitsIntoTheRequestedPartitions() {
    EmberSession session = session();
    StructType schema = new StructType().add("k", DataTypes.IntegerType).add("name", DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create(i % 3 == 0 ? null : i, "n" + i));
    }
    DataFrame frame = session.createDataFrame(rows, schema, 3);
    LocalRelation relation = (LocalRelation) frame.logicalPlan();
    assertThat(relation.partitions()).hasSize(3);
    assertThat(relation.partitions()).extracting(batch -> batch.rowCount()).containsExactly(3, 3, 4);
    assertThat(relation.partitions().stream().mapToInt(batch -> batch.rowCount()).sum()).isEqualTo(10);
    assertThat(relation.output()).extracting(AttributeReference::type).containsExactly(ColumnType.INT, ColumnType.STRING);
    assertThat(frame.schema()).isEqualTo(schema);
    assertThatThrownBy(() -> session.createDataFrame(List.of(RowFactory.create("x", "y")), schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 0, field 'k' (int): java.lang.String x is not a valid value; expected java.lang.Integer");
  }

  @Test
  void createDataFrameGivesASmallTableOnePartitionAndALargeOneAPartitionPerBatchUpToTheSlots() {
    EmberSession session = session();
    StructType schema = new StructType().add("k", DataTypes.IntegerType);
    int batch = dev.ember.core.vector.Batch.DEFAULT_ROWS;
    for (int rowCount : new int[] {0, 1, 1_000, batch, batch + 1, 3 * batch + 5}) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < rowCount; i++) {
        rows.add(RowFactory.create(i));
      }
      LocalRelation relation = (LocalRelation) session.createDataFrame(rows, schema).logicalPlan();
      // The independent count: one partition per started batch of rows, at least one, at most the slots.
      int expected = Math.max(1, Math.min(session.defaultParallelism(), (rowCount + batch - 1) / batch));
      assertThat(relation.partitions()).as("%d rows", rowCount).hasSize(expected);
      assertThat(relation.partitions().stream().mapToInt(part -> part.rowCount()).sum()).isEqualTo(rowCount);
    }
    assertThat(EmberSession.localPartitionCount(1_000, 8)).isEqualTo(1);
    assertThat(EmberSession.localPartitionCount(batch + 1, 8)).isEqualTo(2);
    assertThat(EmberSession.localPartitionCount(100 * batch, 8)).isEqualTo(8);
    assertThat(EmberSession.localPartitionCount(Integer.MAX_VALUE, 3)).isEqualTo(3);
    assertThatThrownBy(() -> session.createDataFrame(List.of(), schema, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The number of partitions of createDataFrame must be positive, got 0");
  }

  @Test
  void attributeIdsAreUniquePerRelation() {
    EmberSession session = session();
    long first = ((RangeRelation) session.range(3).logicalPlan()).id().id();
    long second = ((RangeRelation) session.range(3).logicalPlan()).id().id();
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void printSchemaPrintsTheTreeAndABlankLine() {
    EmberSession session = session();
    DataFrame frame = session.createDataFrame(List.of(),
        StructType.fromDDL("id BIGINT NOT NULL, name STRING, born DATE, at TIMESTAMP, ok BOOLEAN, x DOUBLE, n INT"));
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      frame.printSchema();
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n")).isEqualTo(
        "root\n"
            + " |-- id: long (nullable = false)\n"
            + " |-- name: string (nullable = true)\n"
            + " |-- born: date (nullable = true)\n"
            + " |-- at: timestamp (nullable = true)\n"
            + " |-- ok: boolean (nullable = true)\n"
            + " |-- x: double (nullable = true)\n"
            + " |-- n: integer (nullable = true)\n"
            + "\n");
  }

  @Test
  void planNodesTheApiBuildsWithoutTheAnalyzer() {
    EmberSession session = session();
    DataFrame range = session.range(10);
    assertThat(range.limit(3).logicalPlan()).isEqualTo(new Limit(3, range.logicalPlan()));
    assertThat(range.distinct().logicalPlan()).isEqualTo(new Distinct(range.logicalPlan()));
    assertThat(range.dropDuplicates().logicalPlan()).isEqualTo(new Distinct(range.logicalPlan()));
    assertThat(range.alias("t").logicalPlan()).isEqualTo(new SubqueryAlias("t", range.logicalPlan()));
    assertThat(range.alias("t").schema()).isEqualTo(range.schema());
    assertThatThrownBy(() -> range.limit(-1))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("must be equal to or greater than 0, but got -1");
    assertThat(range.withColumnRenamed("missing", "x")).isSameAs(range);
    assertThat(range.drop("missing")).isSameAs(range);
    assertThat(range.dropDuplicates(new String[0]).logicalPlan()).isEqualTo(new Distinct(range.logicalPlan()));
    assertThatThrownBy(() -> range.toDF("a", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Old column names (1): id New column names (2): a, b");
  }

  @Test
  void broadcastHintsLandOnTheJoin() {
    EmberSession session = session();
    DataFrame left = session.range(3);
    DataFrame right = broadcast(session.range(4));
    assertThat(right.hasBroadcastHint()).isTrue();
    assertThat(left.hasBroadcastHint()).isFalse();
    assertThat(right.alias("r").hasBroadcastHint()).isTrue();
    Join hinted = (Join) left.join(right, left.col("id").equalTo(right.col("id"))).logicalPlan();
    assertThat(hinted.broadcastRight()).isTrue();
    assertThat(hinted.broadcastLeft()).isFalse();
    Project usingJoin = (Project) right.join(left, "id").logicalPlan();
    assertThat(((Join) usingJoin.child()).broadcastLeft()).isTrue();
    Join plain = (Join) left.crossJoin(session.range(2)).logicalPlan();
    assertThat(plain.broadcastLeft() || plain.broadcastRight()).isFalse();
  }

  @Test
  void storageLevelIsRecorded() {
    DataFrame range = session().range(3);
    assertThat(range.storageLevel()).isEqualTo(StorageLevel.NONE);
    assertThat(range.cache()).isSameAs(range);
    assertThat(range.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK);
    assertThat(range.persist(StorageLevel.DISK_ONLY).storageLevel()).isEqualTo(StorageLevel.DISK_ONLY);
    assertThat(range.unpersist().storageLevel()).isEqualTo(StorageLevel.NONE);
    assertThat(range.persist()).isSameAs(range);
  }

  @Test
  void explainRejectsUnknownModesListingTheAcceptedOnes() {
    DataFrame range = session().range(3);
    assertThatThrownBy(() -> range.explain("verbose"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown explain mode: verbose. Accepted explain modes are 'simple', 'extended', 'formatted', 'rules'.");
    assertThatThrownBy(() -> range.explain("codegen")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Accepted explain modes are 'simple', 'extended', 'formatted', 'rules'.");
  }

  @Test
  void readerAndWriterOptions() {
    EmberSession session = session();
    DataFrameReader reader = session.read().option("Header", true).option("inferSchema", "true")
        .options(java.util.Map.of("SEP", ";"));
    assertThat(reader.optionMap()).containsEntry("header", "true").containsEntry("inferschema", "true")
        .containsEntry("sep", ";");
    assertThatThrownBy(() -> session.read().format("parquet"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("parquet data source arrives with a later release; supported now: csv");
    assertThatThrownBy(() -> session.read().format("excel"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Failed to find the data source: excel");
    assertThat(session.read().format("CSV")).isNotNull();
    assertThatThrownBy(() -> session.read().csv())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'path' is not specified");
    assertThatThrownBy(() -> session.read().schema("a INT b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position");

    DataFrameWriter writer = session.range(1).write();
    assertThat(writer.mode("Overwrite").saveMode()).isEqualTo(dev.ember.core.io.SaveMode.OVERWRITE);
    assertThat(writer.mode("append").saveMode()).isEqualTo(dev.ember.core.io.SaveMode.APPEND);
    assertThat(writer.mode("ignore").saveMode()).isEqualTo(dev.ember.core.io.SaveMode.IGNORE);
    assertThat(writer.mode("error").saveMode()).isEqualTo(dev.ember.core.io.SaveMode.ERROR_IF_EXISTS);
    assertThat(writer.mode("errorifexists").saveMode()).isEqualTo(dev.ember.core.io.SaveMode.ERROR_IF_EXISTS);
    assertThatThrownBy(() -> writer.mode("replace"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown save mode: replace");
    assertThat(writer.option("header", true).option("mode", "overwrite").csvOptions().header()).isTrue();
    assertThatThrownBy(() -> writer.format("json")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingPathsFailWhenTheReaderLoads(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
      throws java.io.IOException {
    EmberSession session = session();
    java.nio.file.Path missing = directory.resolve("nowhere.csv");
    assertThatThrownBy(() -> session.read().option("header", "true").csv(missing.toString()))
        .isInstanceOf(AnalysisException.class)
        .hasMessage("[PATH_NOT_FOUND] Path does not exist: file:" + missing + ".");
    assertThatThrownBy(() -> session.read().csv(missing.toUri().toString()))
        .isInstanceOf(AnalysisException.class)
        .hasMessage("[PATH_NOT_FOUND] Path does not exist: file:" + missing + ".");
    java.nio.file.Path present = java.nio.file.Files.writeString(directory.resolve("a.csv"), "x\n");
    DataFrameReader.checkPathsExist(List.of(present.toString(), directory.toString(), directory + "/*.csv"));
    assertThatThrownBy(() -> session.read().option("mode", "lenient").csv(missing.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lenient");
  }

  @Test
  void numericShortcutsRejectNonNumericColumnsBeforeAnalysis() {
    EmberSession session = session();
    DataFrame frame = session.createDataFrame(List.of(), StructType.fromDDL("k INT, g STRING, d DATE"));
    assertThatThrownBy(() -> frame.groupBy("k").sum("g"))
        .isInstanceOf(AnalysisException.class)
        .hasMessage("\"g\" is not a numeric column. Aggregation function can only be applied on a numeric column.");
    assertThatThrownBy(() -> frame.groupBy("k").avg("D"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageStartingWith("\"D\" is not a numeric column.");
    assertThatThrownBy(() -> frame.groupBy("k").agg(java.util.Map.of("g", "median")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("`median`");
  }

  @Test
  void sqlEntryPointsReadTemporaryViews() {
    EmberSession session = session();
    assertThat(session.sql("select 1 as one").columns()).containsExactly("one");
    assertThatThrownBy(() -> session.table("t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("[TABLE_OR_VIEW_NOT_FOUND] The table or view `t`");
    session.range(3).createOrReplaceTempView("t");
    assertThat(session.table("T").columns()).containsExactly("id");
    assertThat(session.catalog().tableExists("t")).isTrue();
    assertThat(session.catalog().dropTempView("t")).isTrue();
    assertThat(session.catalog().tableExists("t")).isFalse();
  }

  @Test
  void splitSizesGiveManySplitsForBigFilesAndOneForSmallOnes() {
    assertThat(DataFrameReader.maxSplitBytes(1_000, 4)).isEqualTo(4L << 20);
    assertThat(DataFrameReader.maxSplitBytes(500L << 20, 4)).isEqualTo(125L << 20);
    assertThat(DataFrameReader.maxSplitBytes(64L << 20, 4)).isEqualTo(16L << 20);
    // Spark's spark.sql.files.maxPartitionBytes: TPC-H SF1's 725 MiB lineitem on 2 slots is 6 splits, not 24.
    assertThat(DataFrameReader.maxSplitBytes(2_000L << 20, 4)).isEqualTo(128L << 20);
    assertThat(DataFrameReader.maxSplitBytes(725L << 20, 2)).isEqualTo(128L << 20);
  }

  @Test
  void eachFileCountsItsOpenCostSoFilesALittleOverTheirShareAreNotCutIntoSlivers(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws java.io.IOException {
    // 6.0 and 6.3 MB on 3 slots: 4.1 MB a slot without the open cost (4 splits, two of them slivers);
    // with 4 MB a file counted, as in Spark, 6.8 MB a slot: each file one split.
    writeBytes(directory.resolve("a.csv"), 6_000_000);
    writeBytes(directory.resolve("b.csv"), 6_300_000);
    DataFrame two = session().read().csv(directory.toString());
    assertThat(two.explainString("simple")).contains("splits=2");
    // One file of 30 MB: (30 + 4) / 3 MB a slot, still cut in three.
    java.nio.file.Path big = java.nio.file.Files.createDirectory(directory.resolve("big"));
    writeBytes(big.resolve("c.csv"), 30_000_000);
    DataFrame three = session().read().csv(big.toString());
    assertThat(three.explainString("simple")).contains("splits=3");
  }

  /** Writes lines "i,padding" until the file holds at least {@code bytes}. */
  private static void writeBytes(java.nio.file.Path file, long bytes) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    for (long row = 0; text.length() < bytes; row++) {
      text.append(row).append(",abcdefghijklmnopqrstuvwxyz0123456789\n");
    }
    java.nio.file.Files.writeString(file, text);
  }

  @Test
  void versionComesFromTheBuild() {
    assertThat(session().version()).isNotEqualTo("unknown").matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
  }
}
