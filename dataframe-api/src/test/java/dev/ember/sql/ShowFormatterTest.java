package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShowFormatterTest {
  private static final String[] NAMES = {"id", "name"};
  private static final List<Row> ROWS = List.of(
      RowFactory.create(1L, "a"),
      RowFactory.create(2L, null),
      RowFactory.create(3L, "a very long string that exceeds twenty"));

  @Test
  void truncatesToTwentyAndRightAligns() {
    assertThat(ShowFormatter.format(NAMES, ROWS, 20, 20, false)).isEqualTo(
        "+---+--------------------+\n"
            + "| id|                name|\n"
            + "+---+--------------------+\n"
            + "|  1|                   a|\n"
            + "|  2|                null|\n"
            + "|  3|a very long strin...|\n"
            + "+---+--------------------+\n");
  }

  @Test
  void withoutTruncationCellsAreWholeAndLeftAligned() {
    assertThat(ShowFormatter.format(NAMES, ROWS, 20, 0, false)).isEqualTo(
        "+---+--------------------------------------+\n"
            + "|id |name                                  |\n"
            + "+---+--------------------------------------+\n"
            + "|1  |a                                     |\n"
            + "|2  |null                                  |\n"
            + "|3  |a very long string that exceeds twenty|\n"
            + "+---+--------------------------------------+\n");
  }

  @Test
  void footerWhenThereAreMoreRows() {
    assertThat(ShowFormatter.format(NAMES, ROWS, 2, 20, false)).isEqualTo(
        "+---+----+\n"
            + "| id|name|\n"
            + "+---+----+\n"
            + "|  1|   a|\n"
            + "|  2|null|\n"
            + "+---+----+\n"
            + "only showing top 2 rows\n");
    assertThat(ShowFormatter.format(NAMES, ROWS, 1, 20, false)).endsWith("only showing top 1 row\n");
  }

  @Test
  void emptyResultShowsTheHeaderOnly() {
    assertThat(ShowFormatter.format(new String[] {"a"}, List.of(), 20, 20, false))
        .isEqualTo("+---+\n|  a|\n+---+\n+---+\n");
    assertThat(ShowFormatter.format(new String[0], List.of(), 20, 20, false)).isEqualTo("++\n||\n++\n++\n");
  }

  @Test
  void smallTruncateCutsWithoutEllipsis() {
    assertThat(ShowFormatter.format(new String[] {"abcdef"}, List.of(RowFactory.create("xyzuvw")), 20, 3, false))
        .isEqualTo("+---+\n|abc|\n+---+\n|xyz|\n+---+\n");
    assertThat(ShowFormatter.format(new String[] {"abcdef"}, List.of(RowFactory.create("xyzuvw")), 20, 5, false))
        .isEqualTo("+-----+\n|ab...|\n+-----+\n|xy...|\n+-----+\n");
  }

  @Test
  void formatsEveryType() {
    List<Row> rows = List.of(RowFactory.create(true, 7, 1.0E10, 0.1, LocalDate.of(2024, 1, 5),
        Instant.parse("2024-01-05T03:04:05Z"), Instant.parse("2024-01-05T03:04:05.120Z"), Double.NaN));
    String[] names = {"b", "i", "d1", "d2", "dt", "ts1", "ts2", "nan"};
    assertThat(ShowFormatter.format(names, rows, 20, 25, false)).isEqualTo(
        "+----+---+------+---+----------+-------------------+----------------------+---+\n"
            + "|   b|  i|    d1| d2|        dt|                ts1|                   ts2|nan|\n"
            + "+----+---+------+---+----------+-------------------+----------------------+---+\n"
            + "|true|  7|1.0E10|0.1|2024-01-05|2024-01-05 03:04:05|2024-01-05 03:04:05.12|NaN|\n"
            + "+----+---+------+---+----------+-------------------+----------------------+---+\n");
  }

  @Test
  void timestampsAreUtcWithTrimmedFractions() {
    assertThat(ShowFormatter.timestampText(Instant.parse("1969-12-31T23:59:59.999999Z")))
        .isEqualTo("1969-12-31 23:59:59.999999");
    assertThat(ShowFormatter.timestampText(Instant.parse("2000-01-01T00:00:00.000001Z")))
        .isEqualTo("2000-01-01 00:00:00.000001");
    assertThat(ShowFormatter.timestampText(Instant.EPOCH)).isEqualTo("1970-01-01 00:00:00");
  }

  @Test
  void escapesLineBreaksAndCountsWideCharactersTwice() {
    assertThat(ShowFormatter.cellText("a\nb\tc")).isEqualTo("a\\nb\\tc");
    assertThat(ShowFormatter.format(new String[] {"x"}, List.of(RowFactory.create("日本")), 20, 20, false))
        .isEqualTo("+----+\n|   x|\n+----+\n|日本|\n+----+\n");
  }

  @Test
  void verticalShowsOneBlockPerRow() {
    assertThat(ShowFormatter.format(NAMES, ROWS.subList(0, 2), 20, 20, true)).isEqualTo(
        "-RECORD 0----\n"
            + " id   | 1    \n"
            + " name | a    \n"
            + "-RECORD 1----\n"
            + " id   | 2    \n"
            + " name | null \n");
    assertThat(ShowFormatter.format(NAMES, List.of(), 20, 20, true)).isEqualTo("(0 rows)\n");
  }
}
