package dev.ember.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileScanExecTest {
  private static final Schema FILE_SCHEMA = Schema.of(Field.of("id", ColumnType.LONG), Field.of("name", ColumnType.STRING));

  @Test
  void csvScanIsSeenThroughTheFileScanInterfaceWithItsFormatAndSplits() {
    List<FileSplit> splits = List.of(new FileSplit("/data/a.csv", 0, 10, 20), new FileSplit("/data/a.csv", 10, 10, 20));
    PhysicalPlan plan = new CsvScanExec(FILE_SCHEMA, splits, CsvOptions.defaults(), List.of(1), null);

    assertThat(plan).isInstanceOf(FileScanExec.class);
    FileScanExec scan = (FileScanExec) plan;
    assertThat(scan.options().formatName()).isEqualTo("csv");
    assertThat(scan.splits()).isEqualTo(splits);
    assertThat(scan.schema()).isEqualTo(Schema.of(Field.of("name", ColumnType.STRING)));
  }
}
