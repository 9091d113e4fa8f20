package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {
  private static final Schema SCHEMA =
      Schema.of(Field.of("id", ColumnType.LONG), Field.of("name", ColumnType.STRING), Field.of("score", ColumnType.DOUBLE));

  @Test
  void rowsRoundTripThroughColumnsWithNulls() {
    List<List<Object>> rows = List.of(
        Arrays.asList(1L, "a", 1.5), Arrays.asList(null, null, null), Arrays.asList(3L, "c", -0.0));
    Batch batch = Batch.fromRows(SCHEMA, rows);

    assertThat(batch.rowCount()).isEqualTo(3);
    assertThat(batch.rows()).isEqualTo(rows);
    assertThat(batch.column(0).mayHaveNulls()).isTrue();
  }

  @Test
  void gatherWithMinusOneYieldsNullRows() {
    Batch batch = Batch.fromRows(SCHEMA, List.of(Arrays.asList(1L, "a", 1.0), Arrays.asList(2L, "b", 2.0)));

    Batch gathered = batch.gather(new int[] {1, -1, 0}, 3);

    assertThat(gathered.rows()).containsExactly(
        Arrays.asList(2L, "b", 2.0), Arrays.asList(null, null, null), Arrays.asList(1L, "a", 1.0));
  }

  @Test
  void concatAndSliceKeepOrder() {
    Batch first = Batch.fromRows(SCHEMA, List.of(Arrays.asList(1L, "a", 1.0)));
    Batch second = Batch.fromRows(SCHEMA, List.of(Arrays.asList(2L, null, 2.0), Arrays.asList(3L, "c", 3.0)));

    Batch all = Batch.concat(SCHEMA, List.of(first, Batch.empty(SCHEMA), second));

    assertThat(all.rowCount()).isEqualTo(3);
    assertThat(all.slice(1, 3).rows()).containsExactly(Arrays.asList(2L, null, 2.0), Arrays.asList(3L, "c", 3.0));
  }

  @Test
  void columnsOfDifferentLengthsAreRejected() {
    ColumnVector longs = ColumnVector.constant(ColumnType.LONG, 1L, 2);
    ColumnVector strings = ColumnVector.constant(ColumnType.STRING, "x", 3);

    assertThatThrownBy(() -> new Batch(new ColumnVector[] {longs, strings}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column 1 has 3 rows");
  }

  @Test
  void hashingTreatsNegativeZeroAndZeroAlike() {
    ColumnVector doubles = Batch.fromRows(Schema.of(Field.of("d", ColumnType.DOUBLE)),
        List.of(List.of(0.0), List.of(-0.0))).column(0);
    int[] hashes = new int[2];

    VectorHashing.hashRows(new ColumnVector[] {doubles}, 2, hashes);

    assertThat(hashes[0]).isEqualTo(hashes[1]);
  }
}
