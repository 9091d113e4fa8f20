package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorBuilderTest {
  private static List<Object> values(ColumnVector vector) {
    List<Object> values = new ArrayList<>();
    for (int row = 0; row < vector.size(); row++) {
      values.add(vector.getObject(row));
    }
    return values;
  }

  private static ColumnVector strings(String... values) {
    VectorBuilder builder = VectorBuilder.forType(ColumnType.STRING, 0);
    for (String value : values) {
      builder.appendString(value);
    }
    return builder.build();
  }

  @Test
  void bulkAndTypedAppendsMixInOrderAndKeepNullsAcrossGrowth() {
    ColumnVector source = strings("a", null, "c", "d");
    VectorBuilder builder = VectorBuilder.forType(ColumnType.STRING, 1);
    builder.appendString("first");
    builder.appendRows(source, new int[] {3, 1, 0}, 3);
    builder.appendRange(source, 1, 3);
    builder.appendNulls(2);
    builder.appendAll(source);
    builder.appendObject("last");
    for (int i = 0; i < 20; i++) {
      builder.appendFrom(source, i % 4);
    }

    List<Object> expected = new ArrayList<>(Arrays.asList(
        "first", "d", null, "a", null, "c", null, null, "a", null, "c", "d", "last"));
    for (int i = 0; i < 20; i++) {
      expected.add(source.getObject(i % 4));
    }
    assertThat(builder.size()).isEqualTo(expected.size());
    assertThat(values(builder.build())).isEqualTo(expected);
  }

  @Test
  void primitiveBulkAppendsCopyValuesAndOnlyTheSourcesNulls() {
    VectorBuilder source = VectorBuilder.forType(ColumnType.LONG, 4);
    source.appendLong(10);
    source.appendNull();
    source.appendLong(30);
    ColumnVector longs = source.build();

    VectorBuilder builder = VectorBuilder.forType(ColumnType.LONG, 2);
    builder.appendRange(longs, 0, 1);
    assertThat(builder.build().mayHaveNulls()).as("no null appended yet").isFalse();
    builder.appendAll(longs);
    builder.appendRows(longs, new int[] {2, 2}, 2);

    assertThat(values(builder.build())).containsExactly(10L, 10L, null, 30L, 30L, 30L);
    assertThat(builder.retainedBytes()).isGreaterThanOrEqualTo(6 * (8 + 1));
  }

  @Test
  void aBuiltVectorIsReplacedByTheNextAppendAndIsNotCopied() {
    VectorBuilder builder = VectorBuilder.forType(ColumnType.INT, 16);
    builder.appendInt(1);
    ColumnVector first = builder.build();
    assertThat(builder.build()).as("the same view until an append").isSameAs(first);
    builder.appendInt(2);
    ColumnVector second = builder.build();
    assertThat(second).isNotSameAs(first);
    assertThat(values(first)).containsExactly(1);
    assertThat(values(second)).containsExactly(1, 2);
    assertThat(((IntVector) second).values).as("shares the builder's array").isSameAs(((IntVector) first).values);
  }

  @Test
  void bulkAppendsRefuseAnotherTypeAndDecimalsOfAnotherScale() {
    VectorBuilder builder = VectorBuilder.forType(ColumnType.LONG, 4);
    ColumnVector ints = ColumnVector.constant(ColumnType.INT, 1, 3);
    assertThatThrownBy(() -> builder.appendAll(ints)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot append a");
    assertThatThrownBy(() -> builder.appendRows(ints, new int[] {0}, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(builder.size()).isZero();
    VectorBuilder money = VectorBuilder.forType(ColumnType.decimal(10, 2), 4);
    assertThatThrownBy(() -> money.appendAll(ColumnVector.constant(ColumnType.decimal(10, 3), new java.math.BigDecimal("1.000"), 2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot append a decimal(10,3) vector");
    assertThatThrownBy(() -> money.appendDecimal(new java.math.BigDecimal("123456789.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit decimal(10,2)");
  }

  @Test
  void decimalsBuildCompactOrWideVectorsAndCopyInBulk() {
    for (ColumnType type : java.util.List.of(ColumnType.decimal(10, 2), ColumnType.decimal(30, 2))) {
      VectorBuilder builder = VectorBuilder.forType(type, 1);
      builder.appendDecimal(new java.math.BigDecimal("1.005"));
      builder.appendNull();
      builder.appendObject(new java.math.BigDecimal("-7"));
      ColumnVector built = builder.build();
      assertThat(built).isInstanceOf(type.precision() <= 18 ? LongVector.class : DecimalVector.class);
      VectorBuilder copy = VectorBuilder.forType(type, 1);
      copy.appendAll(built);
      copy.appendRows(built, new int[] {2, 1, 0}, 3);
      copy.appendFrom(built, 0);
      copy.appendNulls(1);
      ColumnVector result = copy.build();
      java.util.List<Object> values = new java.util.ArrayList<>();
      for (int i = 0; i < result.size(); i++) {
        values.add(result.getObject(i));
      }
      java.math.BigDecimal first = new java.math.BigDecimal("1.01");
      java.math.BigDecimal third = new java.math.BigDecimal("-7.00");
      assertThat(values).containsExactly(first, null, third, third, null, first, first, null);
      assertThat(result.gather(new int[] {2, -1}, 2).getObject(0)).isEqualTo(third);
      assertThat(result.gather(new int[] {2, -1}, 2).isNull(1)).isTrue();
    }
  }
}
