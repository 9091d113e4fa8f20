package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * CSV files read split by split, one partition per split. {@code fileSchema} is the file's full
 * schema; only the {@code requiredColumns} (indexes into it, increasing) are parsed and output, so
 * {@link #schema()} is the file schema narrowed to them. {@code pushedFilter} (or null) is bound to
 * that output and evaluated in the scan: only rows where it is true leave the scan.
 */
public record CsvScanExec(
    Schema fileSchema, List<FileSplit> splits, CsvOptions options, List<Integer> requiredColumns, Expression pushedFilter)
    implements FileScanExec {
  public CsvScanExec {
    Objects.requireNonNull(fileSchema, "fileSchema is null");
    splits = List.copyOf(Objects.requireNonNull(splits, "splits is null"));
    Objects.requireNonNull(options, "options is null");
    requiredColumns = List.copyOf(Objects.requireNonNull(requiredColumns, "requiredColumns is null"));
    int previous = -1;
    for (int column : requiredColumns) {
      if (column <= previous || column >= fileSchema.size()) {
        throw new IllegalArgumentException("required columns must be increasing indexes into the file's "
            + fileSchema.size() + " columns, got " + requiredColumns);
      }
      previous = column;
    }
    if (pushedFilter != null && pushedFilter.type().kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("a pushed filter must be boolean, got " + pushedFilter.type() + ": " + pushedFilter);
    }
  }

  /** All columns, no pushed filter. */
  public CsvScanExec(Schema fileSchema, List<FileSplit> splits, CsvOptions options) {
    this(fileSchema, splits, options, allColumns(fileSchema.size()), null);
  }

  /** The columns the scan outputs: the required columns of the file, in file order. */
  @Override
  public Schema schema() {
    if (requiredColumns.size() == fileSchema.size()) {
      return fileSchema;
    }
    List<Field> fields = new ArrayList<>(requiredColumns.size());
    for (int column : requiredColumns) {
      fields.add(fileSchema.field(column));
    }
    return new Schema(fields);
  }

  /** Whether the scan reads every column of the file. */
  public boolean readsAllColumns() {
    return requiredColumns.size() == fileSchema.size();
  }

  public static List<Integer> allColumns(int count) {
    List<Integer> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return this;
  }
}
