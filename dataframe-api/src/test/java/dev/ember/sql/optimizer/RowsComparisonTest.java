package dev.ember.sql.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison the equivalence test relies on must see every kind of difference. */
class RowsComparisonTest {
  private static Row row(Object... values) {
    return RowFactory.create(values);
  }

  @Test
  void sameRowsInAnotherOrderAreTheSameMultiset() {
    List<Row> expected = List.of(row(1, "a"), row(2, null), row(1, "a"));
    List<Row> actual = List.of(row(2, null), row(1, "a"), row(1, "a"));
    assertThat(RowsComparison.difference(expected, actual, false)).isNull();
  }

  @Test
  void anotherOrderDiffersWhenTheOrderIsTotal() {
    List<Row> expected = List.of(row(1, "a"), row(2, "b"));
    List<Row> actual = List.of(row(2, "b"), row(1, "a"));
    assertThat(RowsComparison.difference(expected, actual, true)).contains("in order").contains("at row 0");
    assertThat(RowsComparison.difference(expected, expected, true)).isNull();
  }

  @Test
  void differentMultiplicitiesDiffer() {
    List<Row> expected = List.of(row(1), row(1), row(2));
    List<Row> actual = List.of(row(1), row(2), row(2));
    assertThat(RowsComparison.difference(expected, actual, false)).contains("as multisets");
  }

  @Test
  void aMissingRowDiffers() {
    List<Row> expected = List.of(row(1), row(2), row(3));
    List<Row> actual = List.of(row(1), row(2));
    assertThat(RowsComparison.difference(expected, actual, false)).contains("3 rows expected, 2 actual").contains("[3]");
    assertThat(RowsComparison.difference(actual, expected, false)).contains("extra actual");
    assertThat(RowsComparison.difference(List.of(), List.of(row(1)), false)).isNotNull();
  }

  @Test
  void nullDiffersFromAValueAndFromAnEmptyString() {
    assertThat(RowsComparison.difference(List.of(row((Object) null)), List.of(row(0)), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row((Object) null)), List.of(row("")), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row(false)), List.of(row((Object) null)), false)).isNotNull();
  }

  @Test
  void valuesOfAnotherTypeDiffer() {
    assertThat(RowsComparison.difference(List.of(row(1)), List.of(row(1L)), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row(1.0)), List.of(row(1)), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row(LocalDate.of(2020, 1, 1))), List.of(row(LocalDate.of(2020, 1, 2))), false))
        .isNotNull();
  }

  @Test
  void rowsOfAnotherWidthDiffer() {
    assertThat(RowsComparison.difference(List.of(row(1, 2)), List.of(row(1)), false)).isNotNull();
  }

  @Test
  void doublesAgreeUpToTheOrderOfAdding() {
    double leftToRight = 0.1 + 0.2 + 0.3;
    double rightToLeft = 0.3 + 0.2 + 0.1;
    assertThat(leftToRight).isNotEqualTo(rightToLeft);
    assertThat(RowsComparison.difference(List.of(row(leftToRight, 1)), List.of(row(rightToLeft, 1)), true)).isNull();
    assertThat(RowsComparison.difference(List.of(row(-0.0)), List.of(row(0.0)), false)).isNull();
  }

  @Test
  void doublesThatReallyDifferDiffer() {
    assertThat(RowsComparison.difference(List.of(row(1.0)), List.of(row(1.0001)), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row(Double.NaN)), List.of(row(1.0)), false)).isNotNull();
    assertThat(RowsComparison.difference(List.of(row(Double.POSITIVE_INFINITY)), List.of(row(Double.MAX_VALUE)), false))
        .isNotNull();
  }
}
