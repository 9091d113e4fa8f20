package dev.ember.core.plan;

import dev.ember.core.io.csv.CsvOptions;
import dev.ember.core.io.csv.FileSplit;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/** CSV files read split by split, one partition per split; {@code schema} is the file's full schema. */
public record CsvScanExec(Schema schema, List<FileSplit> splits, CsvOptions options) implements PhysicalPlan {
  public CsvScanExec {
    Objects.requireNonNull(schema, "schema is null");
    splits = List.copyOf(Objects.requireNonNull(splits, "splits is null"));
    Objects.requireNonNull(options, "options is null");
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
