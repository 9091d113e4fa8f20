package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowConversionTest {
  private static final StructType SCHEMA = new StructType()
      .add("b", DataTypes.BooleanType).add("i", DataTypes.IntegerType).add("l", DataTypes.LongType)
      .add("d", DataTypes.DoubleType).add("s", DataTypes.StringType).add("dt", DataTypes.DateType)
      .add("ts", DataTypes.TimestampType);

  private static List<Row> randomRows(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Object[] values = {
          random.nextBoolean(), random.nextInt(), random.nextLong(), random.nextDouble() * 1e6 - 5e5,
          "s" + random.nextInt(100), LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000),
          Instant.ofEpochSecond(random.nextInt() , random.nextInt(1_000_000) * 1000L)};
      for (int column = 0; column < values.length; column++) {
        if (random.nextInt(5) == 0) {
          values[column] = null;
        }
      }
      rows.add(RowFactory.create(values));
    }
    return rows;
  }

  @Test
  void roundTripsEveryTypeWithNullsAcrossPartitions() {
    List<Row> rows = randomRows(1000, 42);
    List<Batch> batches = RowConversion.toBatches(rows, SCHEMA, 3);

    assertThat(batches).hasSize(3);
    assertThat(batches).extracting(Batch::rowCount).containsExactly(333, 333, 334);
    List<Row> back = new ArrayList<>();
    for (Batch batch : batches) {
      back.addAll(RowConversion.toRows(batch, SCHEMA));
    }
    assertThat(back).isEqualTo(rows);
    assertThat(back.get(0).schema()).isEqualTo(SCHEMA);
  }

  @Test
  void fewDistinctStringsBecomeADictionaryAndManyStayPlain() {
    // 100 distinct values in 333 rows: a dictionary; distinct ids in 200 rows: plain; both read back alike.
    String[] pool = {"", "é", "日本", "\uD83D\uDE00", "a"};
    Random random = new Random(5);
    StructType schema = new StructType().add("few", DataTypes.StringType).add("many", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(RowFactory.create(random.nextInt(7) == 0 ? null : pool[random.nextInt(pool.length)] + random.nextInt(3),
          "id-" + i));
    }
    Batch batch = RowConversion.toBatches(rows, schema, 1).get(0);

    assertThat(((StringVector) batch.column(0)).isDictionary()).isTrue();
    assertThat(((StringVector) batch.column(0)).dictionary().size()).isEqualTo(15);
    assertThat(((StringVector) batch.column(1)).isDictionary()).isFalse();
    assertThat(RowConversion.toRows(batch, schema)).isEqualTo(rows);
    Batch tiny = RowConversion.toBatches(rows.subList(0, 15), schema, 1).get(0);
    assertThat(((StringVector) tiny.column(0)).isDictionary()).as("under 16 rows stay plain").isFalse();
  }

  @Test
  void internalRepresentationIsEpochDaysAndMicros() {
    List<Row> rows = List.of(RowFactory.create(null, null, null, null, null,
        LocalDate.of(1969, 12, 31), Instant.parse("1969-12-31T23:59:59.999999Z")));
    Batch batch = RowConversion.toBatches(rows, SCHEMA, 1).get(0);
    assertThat(batch.type(5)).isEqualTo(ColumnType.DATE);
    assertThat(((IntVector) batch.column(5)).get(0)).isEqualTo(-1);
    assertThat(((LongVector) batch.column(6)).get(0)).isEqualTo(-1L);
    assertThat(RowConversion.toRows(batch, SCHEMA)).isEqualTo(rows);
  }

  @Test
  void acceptsJavaSqlDatesAndTimestamps() {
    java.sql.Date date = java.sql.Date.valueOf("2020-03-04");
    java.sql.Timestamp timestamp = java.sql.Timestamp.from(Instant.parse("2020-03-04T05:06:07.000008Z"));
    List<Row> rows = List.of(RowFactory.create(null, null, null, null, null, date, timestamp));
    Row back = RowConversion.toRows(RowConversion.toBatches(rows, SCHEMA, 1).get(0), SCHEMA).get(0);
    assertThat(back.getDate(5)).isEqualTo(LocalDate.of(2020, 3, 4));
    assertThat(back.getTimestamp(6)).isEqualTo(Instant.parse("2020-03-04T05:06:07.000008Z"));
  }

  @Test
  void emptyInputGivesEmptyPartitions() {
    List<Batch> batches = RowConversion.toBatches(List.of(), SCHEMA, 4);
    assertThat(batches).hasSize(4).allMatch(batch -> batch.rowCount() == 0 && batch.columnCount() == 7);
  }

  @Test
  void fewerRowsThanPartitions() {
    StructType one = new StructType().add("x", DataTypes.IntegerType);
    List<Batch> batches = RowConversion.toBatches(List.of(RowFactory.create(1), RowFactory.create(2)), one, 4);
    assertThat(batches).extracting(Batch::rowCount).containsExactly(0, 1, 0, 1);
  }

  @Test
  void rejectsRowsThatDoNotFitNamingRowFieldAndTypes() {
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType, false);
    assertThatThrownBy(() -> RowConversion.toBatches(
        List.of(RowFactory.create(1, "a"), RowFactory.create(5L, "b")), schema, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 1, field 'id' (int): java.lang.Long 5 is not a valid value; expected java.lang.Integer");
    assertThatThrownBy(() -> RowConversion.toBatches(List.of(RowFactory.create(1)), schema, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row 0 has 1 values but the schema has 2 fields: [1]");
    assertThatThrownBy(() -> RowConversion.toBatches(List.of(RowFactory.create(1, null)), schema, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0, field 'name' (string NOT NULL): the value is null but the field is not nullable");
    assertThatThrownBy(() -> RowConversion.toBatches(
        List.of(RowFactory.create(null, null, null, null, null, "2020-01-01", null)), SCHEMA, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("field 'dt' (date)")
        .hasMessageContaining("java.time.LocalDate or java.sql.Date");
  }
}
