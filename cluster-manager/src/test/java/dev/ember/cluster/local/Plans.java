package dev.ember.cluster.local;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Test data: in-memory scans with nulls, duplicates and skew, and result unpacking. */
final class Plans {
  static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG), Field.of("v", ColumnType.STRING));
  static final BoundReference K = new BoundReference(0, ColumnType.LONG, true);
  static final BoundReference V = new BoundReference(1, ColumnType.STRING, true);

  private Plans() {}

  /** {@code partitions} partitions of random sizes (some empty) with skewed keys and nulls. */
  static InMemoryScanExec scan(long seed, int partitions, int maxRows) {
    Random random = new Random(seed);
    List<Batch> batches = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      int rows = partition % 3 == 2 ? 0 : random.nextInt(maxRows + 1);
      List<List<Object>> data = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        Long key = random.nextInt(15) == 0 ? null : (random.nextBoolean() ? 7L : (long) random.nextInt(1000) - 500);
        data.add(Arrays.asList(key, random.nextInt(9) == 0 ? null : "p" + partition + "-" + i));
      }
      batches.add(Batch.fromRows(SCHEMA, data));
    }
    return new InMemoryScanExec(SCHEMA, batches);
  }

  static List<List<Object>> rows(InMemoryScanExec scan) {
    List<List<Object>> rows = new ArrayList<>();
    scan.partitions().forEach(batch -> rows.addAll(batch.rows()));
    return rows;
  }

  /** The rows of each result partition. */
  static List<List<List<Object>>> partitions(List<PartitionResult> results) {
    List<List<List<Object>>> partitions = new ArrayList<>();
    for (PartitionResult result : results) {
      List<List<Object>> rows = new ArrayList<>();
      ((PartitionResult.Collected) result).batches().forEach(batch -> rows.addAll(batch.rows()));
      partitions.add(rows);
    }
    return partitions;
  }

  static List<List<Object>> all(List<PartitionResult> results) {
    List<List<Object>> rows = new ArrayList<>();
    partitions(results).forEach(rows::addAll);
    return rows;
  }

  /** A total order on rows for multiset comparison (nulls first). */
  static final Comparator<List<Object>> ROW_ORDER = Comparator
      .<List<Object>, Long>comparing(row -> (Long) row.get(0), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(row -> (String) row.get(1), Comparator.nullsFirst(Comparator.naturalOrder()));

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }
}
