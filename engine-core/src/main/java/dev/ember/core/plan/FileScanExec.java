package dev.ember.core.plan;

import dev.ember.core.expression.Expression;
import dev.ember.core.source.FileFormatOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.Schema;
import java.util.List;

/**
 * A scan of files, one partition per split: what every file data source shares, so the scheduler, explain and
 * the planner can handle a new format's scan without knowing its reader. The format-specific reading choices
 * are a {@link FileFormatOptions} record from {@code source}; the reader lives above {@code plan}.
 */
public sealed interface FileScanExec extends PhysicalPlan permits CsvScanExec {
  /** The files' full schema; {@link #schema()} narrows it to {@link #requiredColumns()}. */
  Schema fileSchema();

  List<FileSplit> splits();

  FileFormatOptions options();

  /** Increasing indexes into {@link #fileSchema()} of the columns the scan outputs. */
  List<Integer> requiredColumns();

  /** A boolean filter bound to the scan's output and evaluated inside the scan, or null. */
  Expression pushedFilter();
}
