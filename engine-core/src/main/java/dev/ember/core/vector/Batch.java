package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A horizontal slice of a table: one vector per column, all of {@link #rowCount()} rows. Batches
 * are immutable and hold a few thousand rows ({@link #DEFAULT_ROWS}); operators consume and
 * produce them.
 */
public final class Batch {
  /** The row count operators aim for when they build batches. */
  public static final int DEFAULT_ROWS = 4096;

  private final ColumnVector[] columns;
  private final int rowCount;

  public Batch(ColumnVector[] columns, int rowCount) {
    Objects.requireNonNull(columns, "columns is null");
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].size() != rowCount) {
        throw new IllegalArgumentException(
            "column " + i + " has " + columns[i].size() + " rows, batch has " + rowCount);
      }
    }
    this.columns = columns.clone();
    this.rowCount = rowCount;
  }

  public static Batch of(ColumnVector... columns) {
    return new Batch(columns, columns.length == 0 ? 0 : columns[0].size());
  }

  /** A batch of no rows with the schema's column types. */
  public static Batch empty(Schema schema) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = VectorBuilder.forType(schema.type(i), 0).build();
    }
    return new Batch(columns, 0);
  }

  /** Builds a batch from rows of internal-representation values (tests and the API edge). */
  public static Batch fromRows(Schema schema, List<? extends List<?>> rows) {
    VectorBuilder[] builders = new VectorBuilder[schema.size()];
    for (int i = 0; i < builders.length; i++) {
      builders[i] = VectorBuilder.forType(schema.type(i), rows.size());
    }
    for (List<?> row : rows) {
      if (row.size() != builders.length) {
        throw new IllegalArgumentException("row " + row + " does not have " + builders.length + " values");
      }
      for (int i = 0; i < builders.length; i++) {
        builders[i].appendObject(row.get(i));
      }
    }
    ColumnVector[] columns = new ColumnVector[builders.length];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = builders[i].build();
    }
    return new Batch(columns, rows.size());
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.length;
  }

  public ColumnVector column(int index) {
    return columns[index];
  }

  public ColumnType type(int index) {
    return columns[index].type();
  }

  /** The rows at {@code positions[0..count)}; -1 gives a row of nulls. */
  public Batch gather(int[] positions, int count) {
    ColumnVector[] gathered = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      gathered[i] = columns[i].gather(positions, count);
    }
    return new Batch(gathered, count);
  }

  public Batch slice(int from, int to) {
    ColumnVector[] sliced = new ColumnVector[columns.length];
    for (int i = 0; i < columns.length; i++) {
      sliced[i] = columns[i].slice(from, to);
    }
    return new Batch(sliced, to - from);
  }

  /** The columns at these indexes, without copying. */
  public Batch selectColumns(int... indexes) {
    ColumnVector[] selected = new ColumnVector[indexes.length];
    for (int i = 0; i < indexes.length; i++) {
      selected[i] = columns[indexes[i]];
    }
    return new Batch(selected, rowCount);
  }

  /** This batch's columns followed by the other's; both must have the same row count. */
  public Batch appendColumns(Batch other) {
    ColumnVector[] all = new ColumnVector[columns.length + other.columns.length];
    System.arraycopy(columns, 0, all, 0, columns.length);
    System.arraycopy(other.columns, 0, all, columns.length, other.columns.length);
    return new Batch(all, rowCount);
  }

  /** The batches one after another; all must have the same column types. */
  public static Batch concat(Schema schema, List<Batch> batches) {
    ColumnVector[] columns = new ColumnVector[schema.size()];
    int rows = 0;
    for (Batch batch : batches) {
      rows += batch.rowCount;
    }
    for (int i = 0; i < columns.length; i++) {
      List<ColumnVector> parts = new ArrayList<>(batches.size());
      for (Batch batch : batches) {
        parts.add(batch.columns[i]);
      }
      columns[i] = ColumnVector.concat(schema.type(i), parts);
    }
    return new Batch(columns, rows);
  }

  /** Row {@code row} as internal-representation values (tests and the API edge). */
  public List<Object> row(int row) {
    List<Object> values = new ArrayList<>(columns.length);
    for (ColumnVector column : columns) {
      values.add(column.getObject(row));
    }
    return values;
  }

  /** All rows as internal-representation values (tests and the API edge). */
  public List<List<Object>> rows() {
    List<List<Object>> rows = new ArrayList<>(rowCount);
    for (int i = 0; i < rowCount; i++) {
      rows.add(row(i));
    }
    return rows;
  }

  @Override
  public String toString() {
    return "Batch[" + rowCount + " rows x " + columns.length + " columns]";
  }
}
