package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * CSV files with a known schema, already cut into splits. {@code dataColumns} are all the file's
 * columns; the scan reads and outputs only the {@code requiredColumns} (increasing indexes into
 * them) and keeps only the rows where every one of the {@code pushedFilters} is true. Both are
 * filled by the optimizer's scan pushdown; a relation built from a reader reads everything.
 */
public record CsvRelation(
    List<String> paths, List<FileSplit> splits, CsvOptions options, List<AttributeReference> dataColumns,
    List<Integer> requiredColumns, List<Expression> pushedFilters) implements LogicalPlan {
  public CsvRelation {
    paths = List.copyOf(Objects.requireNonNull(paths, "paths is null"));
    splits = List.copyOf(Objects.requireNonNull(splits, "splits is null"));
    Objects.requireNonNull(options, "options is null");
    dataColumns = List.copyOf(Objects.requireNonNull(dataColumns, "dataColumns is null"));
    requiredColumns = List.copyOf(Objects.requireNonNull(requiredColumns, "requiredColumns is null"));
    pushedFilters = List.copyOf(Objects.requireNonNull(pushedFilters, "pushedFilters is null"));
    int previous = -1;
    for (int column : requiredColumns) {
      if (column <= previous || column >= dataColumns.size()) {
        throw new IllegalArgumentException("required columns must be increasing indexes into the "
            + dataColumns.size() + " data columns, got " + requiredColumns);
      }
      previous = column;
    }
    Set<Long> outputIds = new HashSet<>();
    for (int column : requiredColumns) {
      outputIds.add(dataColumns.get(column).id());
    }
    for (Expression filter : pushedFilters) {
      for (AttributeReference reference : Expressions.references(filter)) {
        if (!outputIds.contains(reference.id())) {
          throw new IllegalArgumentException("pushed filter " + filter + " reads " + reference
              + ", which is not a required column of the scan");
        }
      }
      if (!filter.deterministic()) {
        throw new IllegalArgumentException("only deterministic filters can be pushed into a scan: " + filter);
      }
    }
  }

  /** Every column of the files, no pushed filters. */
  public CsvRelation(List<String> paths, List<FileSplit> splits, CsvOptions options, List<AttributeReference> dataColumns) {
    this(paths, splits, options, dataColumns, allColumns(dataColumns.size()), List.of());
  }

  /** The required columns, in file order. */
  @Override
  public List<AttributeReference> output() {
    if (requiredColumns.size() == dataColumns.size()) {
      return dataColumns;
    }
    List<AttributeReference> output = new ArrayList<>(requiredColumns.size());
    for (int column : requiredColumns) {
      output.add(dataColumns.get(column));
    }
    return output;
  }

  /** Whether the scan reads every column of the files. */
  public boolean readsAllColumns() {
    return requiredColumns.size() == dataColumns.size();
  }

  /** This relation reading only {@code columns} (increasing indexes into the data columns). */
  public CsvRelation withRequiredColumns(List<Integer> columns) {
    return new CsvRelation(paths, splits, options, dataColumns, columns, pushedFilters);
  }

  /** This relation with other pushed filters. */
  public CsvRelation withPushedFilters(List<Expression> filters) {
    return new CsvRelation(paths, splits, options, dataColumns, requiredColumns, filters);
  }

  private static List<Integer> allColumns(int count) {
    List<Integer> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return this;
  }
}
