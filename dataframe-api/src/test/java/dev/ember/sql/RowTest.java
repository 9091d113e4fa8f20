package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RowTest {
  private static final StructType SCHEMA = new StructType()
      .add("b", DataTypes.BooleanType).add("i", DataTypes.IntegerType).add("l", DataTypes.LongType)
      .add("d", DataTypes.DoubleType).add("s", DataTypes.StringType).add("dt", DataTypes.DateType)
      .add("ts", DataTypes.TimestampType);

  private static final LocalDate DATE = LocalDate.of(2024, 2, 29);
  private static final Instant TIME = Instant.parse("2024-02-29T10:15:30.123456Z");

  private final Row row = new GenericRow(new Object[] {true, 7, 8L, 1.5, "x", DATE, TIME}, SCHEMA);
  private final Row nulls = new GenericRow(new Object[7], SCHEMA);

  @Test
  void typedGettersReturnTheValues() {
    assertThat(row.getBoolean(0)).isTrue();
    assertThat(row.getInt(1)).isEqualTo(7);
    assertThat(row.getLong(2)).isEqualTo(8L);
    assertThat(row.getDouble(3)).isEqualTo(1.5);
    assertThat(row.getString(4)).isEqualTo("x");
    assertThat(row.getDate(5)).isEqualTo(DATE);
    assertThat(row.getTimestamp(6)).isEqualTo(TIME);
    assertThat(row.size()).isEqualTo(7);
    assertThat(row.length()).isEqualTo(7);
    assertThat(row.schema()).isEqualTo(SCHEMA);
    assertThat((Long) row.getAs("l")).isEqualTo(8L);
    assertThat(row.<String>getAs(4)).isEqualTo("x");
    assertThat(row.fieldIndex("ts")).isEqualTo(6);
  }

  @Test
  void nullsReadAsNullOrFailForPrimitives() {
    assertThat(nulls.isNullAt(1)).isTrue();
    assertThat(nulls.get(1)).isNull();
    assertThat(nulls.getString(4)).isNull();
    assertThat(nulls.getDate(5)).isNull();
    assertThat(nulls.anyNull()).isTrue();
    assertThat(row.anyNull()).isFalse();
    assertThatThrownBy(() -> nulls.getInt(1))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("Value at index 1 (field 'i') is null")
        .hasMessageContaining("isNullAt(1)");
    assertThatThrownBy(() -> nulls.getBoolean(0)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> nulls.getLong(2)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> nulls.getDouble(3)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void wrongTypedGetterNamesTheTypes() {
    assertThatThrownBy(() -> row.getInt(4))
        .isInstanceOf(ClassCastException.class)
        .hasMessage("Value at index 4 (field 's') is a java.lang.String (x), not a java.lang.Integer");
    assertThatThrownBy(() -> row.getLong(1)).isInstanceOf(ClassCastException.class);
    assertThatThrownBy(() -> row.get(7)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("7");
  }

  @Test
  void rowFactoryRowsHaveNoSchema() {
    Row created = RowFactory.create(1, "a", null);
    assertThat(created.schema()).isNull();
    assertThat(created.toString()).isEqualTo("[1,a,null]");
    assertThatThrownBy(() -> created.fieldIndex("a"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("without schema");
    assertThatThrownBy(() -> created.getAs("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> row.fieldIndex("nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void rowFactoryCopiesItsArguments() {
    Object[] values = {1, 2};
    Row created = RowFactory.create(values);
    values[0] = 9;
    assertThat(created.get(0)).isEqualTo(1);
    assertThat(RowFactory.create().size()).isZero();
    assertThat(RowFactory.create((Object) null).size()).isEqualTo(1);
  }

  @Test
  void equalityIsByValueNotSchema() {
    Row withSchema = new GenericRow(new Object[] {1, "a", null}, new StructType()
        .add("x", DataTypes.IntegerType).add("y", DataTypes.StringType).add("z", DataTypes.LongType));
    Row plain = RowFactory.create(1, "a", null);
    assertThat(withSchema).isEqualTo(plain);
    assertThat(plain).isEqualTo(withSchema);
    assertThat(withSchema.hashCode()).isEqualTo(plain.hashCode());
    assertThat(plain).isNotEqualTo(RowFactory.create(1, "a"));
    assertThat(plain).isNotEqualTo(RowFactory.create(1L, "a", null));
    assertThat(RowFactory.create(Double.NaN)).isEqualTo(RowFactory.create(Double.NaN));
    assertThat(RowFactory.create(-0.0)).isEqualTo(RowFactory.create(0.0));
    assertThat(RowFactory.create(-0.0).hashCode()).isEqualTo(RowFactory.create(0.0).hashCode());
  }

  @Test
  void toStringIsSparks() {
    assertThat(row.toString()).isEqualTo("[true,7,8,1.5,x,2024-02-29,2024-02-29T10:15:30.123456Z]");
    assertThat(row.mkString("|")).startsWith("true|7|8");
  }
}
