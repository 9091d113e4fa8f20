package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.io.csv.CsvOptions;
import dev.ember.core.io.csv.FileSplit;
import java.util.List;
import java.util.Objects;

/** CSV files with a known schema, already cut into splits. */
public record CsvRelation(List<String> paths, List<FileSplit> splits, CsvOptions options, List<AttributeReference> output) implements LogicalPlan {
  public CsvRelation {
    paths = List.copyOf(Objects.requireNonNull(paths, "paths is null"));
    splits = List.copyOf(Objects.requireNonNull(splits, "splits is null"));
    Objects.requireNonNull(options, "options is null");
    output = List.copyOf(Objects.requireNonNull(output, "output is null"));
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
