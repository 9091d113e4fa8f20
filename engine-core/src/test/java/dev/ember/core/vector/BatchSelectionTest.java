package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Batches with a selection against plain lists: the selected rows, and nothing of the others, in every view. */
class BatchSelectionTest {
  private static final Schema SCHEMA = Schema.of(
      Field.of("b", ColumnType.BOOLEAN), Field.of("i", ColumnType.INT), Field.of("l", ColumnType.LONG),
      Field.of("d", ColumnType.DOUBLE), Field.of("s", ColumnType.STRING), Field.of("day", ColumnType.DATE),
      Field.of("money", ColumnType.decimal(12, 2)), Field.of("wide", ColumnType.decimal(30, 4)));

  private static List<List<Object>> randomRows(Random random, int count, double nullRate) {
    List<List<Object>> rows = new ArrayList<>();
    for (int row = 0; row < count; row++) {
      List<Object> values = new ArrayList<>();
      values.add(random.nextDouble() < nullRate ? null : random.nextBoolean());
      values.add(random.nextDouble() < nullRate ? null : random.nextInt(100) - 50);
      values.add(random.nextDouble() < nullRate ? null : random.nextLong());
      values.add(random.nextDouble() < nullRate ? null : random.nextInt(1000) / 4.0);
      values.add(random.nextDouble() < nullRate ? null : "s" + random.nextInt(20) + "é".repeat(random.nextInt(3)));
      values.add(random.nextDouble() < nullRate ? null : random.nextInt(20_000));
      values.add(random.nextDouble() < nullRate ? null : BigDecimal.valueOf(random.nextInt(1_000_000) - 500_000, 2));
      values.add(random.nextDouble() < nullRate ? null
          : new BigDecimal(new java.math.BigInteger(90, random), 4).subtract(BigDecimal.ONE));
      rows.add(values);
    }
    return rows;
  }

  /** Increasing positions, each kept with probability {@code share}. */
  private static int[] randomSelection(Random random, int rows, double share) {
    int[] positions = new int[rows];
    int count = 0;
    for (int row = 0; row < rows; row++) {
      if (random.nextDouble() < share) {
        positions[count++] = row;
      }
    }
    return Arrays.copyOf(positions, count);
  }

  private static List<List<Object>> pick(List<List<Object>> rows, int[] positions) {
    List<List<Object>> picked = new ArrayList<>();
    for (int position : positions) {
      picked.add(rows.get(position));
    }
    return picked;
  }

  private static ColumnVector[] columns(Batch batch) {
    ColumnVector[] columns = new ColumnVector[batch.columnCount()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = batch.column(i);
    }
    return columns;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void everyViewOfASelectedBatchIsTheSelectedRows(int seedOffset) {
    long seed = TestSeeds.seed(7100 + seedOffset);
    Random random = new Random(seed);
    for (boolean dictionary : new boolean[] {false, true}) {
      List<List<Object>> rows = randomRows(random, 1 + random.nextInt(300), seedOffset * 0.1);
      Batch plain = Batch.fromRows(SCHEMA, rows);
      Batch physical = dictionary ? StringLayouts.withDictionaryStrings(plain) : plain;
      int[] selection = randomSelection(random, rows.size(), random.nextDouble());
      List<List<Object>> expected = pick(rows, selection);

      Batch selected = Batch.selected(columns(physical), rows.size(), selection.clone(), selection.length);

      String description = TestSeeds.describe(seed) + ", dictionary " + dictionary;
      assertThat(selected.rowCount()).as(description).isEqualTo(selection.length);
      assertThat(selected.rows()).as(description).isEqualTo(expected);
      assertThat(selected.dense().rows()).as(description).isEqualTo(expected);
      assertThat(selected.dense().hasSelection()).isFalse();
      for (int column = 0; column < SCHEMA.size(); column++) {
        assertThat(selected.column(column).size()).isEqualTo(selection.length);
        assertThat(selected.column(column)).as("gathered once and kept").isSameAs(selected.column(column));
      }
      if (selection.length == 0) {
        continue;
      }
      // gather with -1, slice, select again, column subsets: all against the list.
      int[] positions = new int[selection.length + 1];
      List<List<Object>> gatheredExpected = new ArrayList<>();
      for (int i = 0; i < selection.length; i++) {
        positions[i] = random.nextInt(selection.length);
        gatheredExpected.add(expected.get(positions[i]));
      }
      positions[selection.length] = -1;
      gatheredExpected.add(Arrays.asList(new Object[SCHEMA.size()]));
      assertThat(selected.gather(positions, positions.length).rows()).as(description).isEqualTo(gatheredExpected);

      int from = random.nextInt(selection.length);
      int to = from + random.nextInt(selection.length - from + 1);
      assertThat(selected.slice(from, to).rows()).as(description).isEqualTo(expected.subList(from, to));

      int[] narrower = randomSelection(random, selection.length, 0.5);
      Batch narrowed = selected.select(narrower, narrower.length);
      assertThat(narrowed.rows()).as(description).isEqualTo(pick(expected, narrower));

      Batch subset = selected.selectColumns(4, 1);
      List<List<Object>> subsetExpected = new ArrayList<>();
      for (List<Object> row : expected) {
        subsetExpected.add(Arrays.asList(row.get(4), row.get(1)));
      }
      assertThat(subset.rows()).as(description).isEqualTo(subsetExpected);
      assertThat(subset.appendColumns(selected.selectColumns(0)).rows().get(0))
          .isEqualTo(Arrays.asList(expected.get(0).get(4), expected.get(0).get(1), expected.get(0).get(0)));
      assertThat(Batch.concat(SCHEMA, List.of(selected, plain)).rows().subList(0, expected.size())).isEqualTo(expected);
    }
  }

  @Test
  void selectOnVectorsEqualsGatherForEveryTypeAndLayout() {
    long seed = TestSeeds.seed(7200);
    Random random = new Random(seed);
    List<List<Object>> rows = randomRows(random, 500, 0.2);
    Batch plain = Batch.fromRows(SCHEMA, rows);
    int[] selection = randomSelection(random, rows.size(), 0.4);
    for (Batch batch : List.of(plain, StringLayouts.withDictionaryStrings(plain))) {
      for (int column = 0; column < SCHEMA.size(); column++) {
        ColumnVector vector = batch.column(column);
        ColumnVector selected = vector.select(selection, selection.length);
        ColumnVector gathered = vector.gather(selection, selection.length);
        assertThat(selected.getClass()).isEqualTo(gathered.getClass());
        for (int row = 0; row < selection.length; row++) {
          assertThat(selected.getObject(row)).as(TestSeeds.describe(seed) + " column " + column + " row " + row)
              .isEqualTo(gathered.getObject(row));
        }
      }
    }
    StringVector dictionaryStrings = (StringVector) StringLayouts.withDictionaryStrings(plain).column(4);
    assertThat(dictionaryStrings.select(selection, selection.length).isDictionary()).as("ids are selected, not strings").isTrue();
  }

  @Test
  void selectingEveryRowOrNoRowAndWithPhysicalColumns() {
    Batch batch = Batch.fromRows(SCHEMA, randomRows(new Random(3), 10, 0.3));
    ColumnVector[] columns = columns(batch);

    Batch all = Batch.selected(columns, 10, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
    assertThat(all.hasSelection()).as("every row selected is a plain batch").isFalse();
    assertThat(all.rows()).isEqualTo(batch.rows());

    Batch none = Batch.selected(columns, 10, new int[0], 0);
    assertThat(none.rowCount()).isZero();
    assertThat(none.rows()).isEmpty();
    assertThat(none.dense().column(4).size()).isZero();

    Batch odd = Batch.selected(columns, 10, new int[] {1, 3, 5, 7, 9}, 5);
    Batch replaced = odd.withPhysicalColumns(new ColumnVector[] {columns[1], columns[4]});
    assertThat(replaced.rows()).isEqualTo(odd.selectColumns(1, 4).rows());
    assertThat(replaced.physicalColumn(0)).as("the physical column is not copied").isSameAs(columns[1]);
    assertThat(odd.physical().rows()).isEqualTo(batch.rows());
    assertThat(odd.toString()).contains("selected from 10");
  }

  @Test
  void appendingColumnsOfDifferentSelectionsGivesADenseBatch() {
    Batch batch = Batch.fromRows(SCHEMA, randomRows(new Random(4), 6, 0.0));
    Batch evens = Batch.selected(columns(batch), 6, new int[] {0, 2, 4}, 3);
    Batch odds = Batch.selected(columns(batch), 6, new int[] {1, 3, 5}, 3);

    Batch appended = evens.selectColumns(1).appendColumns(odds.selectColumns(1));

    assertThat(appended.hasSelection()).isFalse();
    for (int row = 0; row < 3; row++) {
      assertThat(appended.row(row)).containsExactly(batch.row(2 * row).get(1), batch.row(2 * row + 1).get(1));
    }
    assertThatThrownBy(() -> evens.appendColumns(batch)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot append 6 rows to 3");
  }

  @Test
  void badSelectionsAreRejectedWithWhereAndWhat() {
    ColumnVector[] columns = columns(Batch.fromRows(SCHEMA, randomRows(new Random(5), 5, 0.0)));

    assertThatThrownBy(() -> Batch.selected(columns, 5, new int[] {0, 2, 2}, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selection[2] = 2 is out of order");
    assertThatThrownBy(() -> Batch.selected(columns, 5, new int[] {1, 5}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selection[1] = 5").hasMessageContaining("[0, 5)");
    assertThatThrownBy(() -> Batch.selected(columns, 5, new int[] {1}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a selection of 2 rows (array of 1)");
    assertThatThrownBy(() -> Batch.selected(columns, 4, new int[] {1}, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 0 has 5 rows, batch has 4");
  }

  @Test
  void aSelectorsIncreasingPositionsSelectAsACheckedSelectionDoes() {
    Batch batch = Batch.fromRows(SCHEMA, randomRows(new Random(6), 10, 0.3));
    int[] odd = {1, 3, 5, 7, 9};

    assertThat(batch.selectIncreasing(odd.clone(), 5).rows()).isEqualTo(batch.select(odd.clone(), 5).rows());
    assertThat(batch.selectIncreasing(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10).hasSelection()).isFalse();
    Batch selected = batch.select(odd.clone(), 5);
    assertThat(selected.selectIncreasing(new int[] {0, 4}, 2).rows())
        .as("over a selection: composed").containsExactly(batch.row(1), batch.row(9));
    assertThatThrownBy(() -> batch.selectIncreasing(new int[] {1}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a selection of 2 rows (array of 1)");
    // Tests run with assertions on: positions that break the promise are still caught here.
    assertThatThrownBy(() -> batch.selectIncreasing(new int[] {3, 2}, 2)).isInstanceOf(AssertionError.class);
  }

  @Test
  void sizeEstimateOfASelectionIsItsShareAndGathersNothing() {
    ColumnVector longs = ColumnVector.constant(ColumnType.LONG, 7L, 1000);
    Batch selected = Batch.selected(new ColumnVector[] {longs}, 1000, new int[] {10, 20, 30, 40}, 4);

    assertThat(BatchSizes.estimateBytes(selected)).isEqualTo(8L * 4);
    assertThat(BatchSizes.estimateBytes(selected.dense())).isEqualTo(8L * 4);
  }
}
