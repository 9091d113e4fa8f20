package dev.ember.benchmarks.tpch.peers;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 3.5 in this JVM, {@code local[threads]}, {@code spark.sql.shuffle.partitions} twice the
 * threads (Spark's 200 is made for clusters), no UI, UTC; tables read with the DDL schema,
 * {@code cache()}d (MEMORY_AND_DISK, Spark's in-memory columnar cache) and counted.
 */
final class SparkEngine implements SqlEngine {
  private final SparkSession spark;

  SparkEngine(int threads) {
    spark = SparkSession.builder()
        .appName("tpch")
        .master("local[" + threads + "]")
        .config("spark.sql.shuffle.partitions", Integer.toString(2 * threads))
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @Override
  public void load(String name, String ddl, Path folder) {
    Dataset<Row> table = spark.read().option("sep", "|").schema(ddl).csv(folder.toString()).cache();
    table.count();
    table.createOrReplaceTempView(name);
  }

  @Override
  public List<List<Object>> query(String sql) {
    List<List<Object>> rows = new ArrayList<>();
    for (Row row : spark.sql(sql).collectAsList()) {
      List<Object> values = new ArrayList<>(row.size());
      for (int index = 0; index < row.size(); index++) {
        values.add(row.get(index));
      }
      rows.add(values);
    }
    return rows;
  }

  @Override
  public MemoryUse memoryAfterLoad() {
    for (int collection = 0; collection < 3; collection++) {
      System.gc();
    }
    return new MemoryUse(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
        "heap used after a full GC, tables in Spark's in-memory columnar cache");
  }

  @Override
  public void close() {
    spark.stop();
  }
}
