package dev.ember.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.DecimalTypes.Operation;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Result types of decimal operations, a table worked out by hand from Spark 3.5's
 * {@code DecimalPrecision} and {@code DecimalType.adjustPrecisionScale} (allowPrecisionLoss=true):
 * + and - give max(s1,s2) and max(p1-s1,p2-s2)+max(s1,s2)+1; * gives p1+p2+1, s1+s2; / gives
 * scale max(6, s1+p2+1) and precision p1-s1+s2+scale; % gives max(s1,s2) and
 * min(p1-s1,p2-s2)+max(s1,s2); beyond 38 digits the integral digits stay and the scale drops to
 * max(38-integral, min(scale, 6)).
 */
class DecimalTypesTest {
  @ParameterizedTest(name = "decimal({1},{2}) {0} decimal({3},{4}) is decimal({5},{6})")
  @CsvSource({
    // TPC-H: price * (1 - discount) * (1 + tax)
    "SUBTRACT, 1, 0, 15, 2, 16, 2",
    "MULTIPLY, 15, 2, 16, 2, 32, 4",
    "MULTIPLY, 32, 4, 16, 2, 38, 6",
    "ADD, 10, 2, 5, 3, 12, 3",
    "ADD, 38, 0, 38, 0, 38, 0",
    "ADD, 38, 10, 38, 10, 38, 9",
    "SUBTRACT, 20, 20, 1, 0, 22, 20",
    "MULTIPLY, 10, 2, 10, 2, 21, 4",
    "MULTIPLY, 38, 10, 38, 10, 38, 6",
    "MULTIPLY, 20, 18, 20, 18, 38, 33",
    "MULTIPLY, 30, 2, 30, 2, 38, 4",
    "DIVIDE, 10, 2, 10, 2, 23, 13",
    "DIVIDE, 1, 0, 3, 0, 7, 6",
    "DIVIDE, 38, 2, 10, 0, 38, 6",
    "DIVIDE, 25, 2, 20, 0, 38, 15",
    "DIVIDE, 38, 38, 38, 38, 38, 6",
    "REMAINDER, 10, 2, 5, 3, 5, 3",
    "REMAINDER, 38, 0, 38, 37, 38, 37",
    "REMAINDER, 7, 1, 3, 0, 4, 1",
  })
  void arithmeticResultTypesFollowSpark(Operation operation, int p1, int s1, int p2, int s2, int p, int s) {
    assertThat(DecimalTypes.resultType(operation, ColumnType.decimal(p1, s1), ColumnType.decimal(p2, s2)))
        .isEqualTo(ColumnType.decimal(p, s));
  }

  @Test
  void sumAverageAndWideningFollowSpark() {
    assertThat(DecimalTypes.sumType(ColumnType.decimal(15, 2))).isEqualTo(ColumnType.decimal(25, 2));
    assertThat(DecimalTypes.sumType(ColumnType.decimal(30, 5))).isEqualTo(ColumnType.decimal(38, 5));
    assertThat(DecimalTypes.averageType(ColumnType.decimal(15, 2))).isEqualTo(ColumnType.decimal(19, 6));
    assertThat(DecimalTypes.averageType(ColumnType.decimal(38, 36))).isEqualTo(ColumnType.decimal(38, 38));
    assertThat(DecimalTypes.wider(ColumnType.decimal(10, 2), ColumnType.decimal(5, 4))).isEqualTo(ColumnType.decimal(12, 4));
    assertThat(DecimalTypes.wider(ColumnType.decimal(38, 0), ColumnType.decimal(38, 38))).isEqualTo(ColumnType.decimal(38, 38));
    assertThat(DecimalTypes.forType(ColumnType.INT)).isEqualTo(ColumnType.decimal(10, 0));
    assertThat(DecimalTypes.forType(ColumnType.LONG)).isEqualTo(ColumnType.decimal(20, 0));
    assertThat(DecimalTypes.forIntegralLiteral(1)).isEqualTo(ColumnType.decimal(1, 0));
    assertThat(DecimalTypes.forIntegralLiteral(-100)).isEqualTo(ColumnType.decimal(3, 0));
    assertThat(DecimalTypes.forIntegralLiteral(0)).isEqualTo(ColumnType.decimal(1, 0));
    assertThat(DecimalTypes.forValue(new BigDecimal("1.50"))).isEqualTo(ColumnType.decimal(3, 2));
    assertThat(DecimalTypes.forValue(new BigDecimal("0.001"))).isEqualTo(ColumnType.decimal(3, 3));
    assertThat(DecimalTypes.forValue(new BigDecimal("-12"))).isEqualTo(ColumnType.decimal(2, 0));
  }

  @Test
  void fitRoundsHalfUpAndOverflowsToNull() {
    ColumnType money = ColumnType.decimal(5, 2);
    assertThat(DecimalTypes.fit(new BigDecimal("1.005"), money)).isEqualTo(new BigDecimal("1.01"));
    assertThat(DecimalTypes.fit(new BigDecimal("-1.005"), money)).isEqualTo(new BigDecimal("-1.01"));
    assertThat(DecimalTypes.fit(new BigDecimal("1.004"), money)).isEqualTo(new BigDecimal("1.00"));
    assertThat(DecimalTypes.fit(new BigDecimal("999.994"), money)).isEqualTo(new BigDecimal("999.99"));
    assertThat(DecimalTypes.fit(new BigDecimal("999.995"), money)).isNull();
    assertThat(DecimalTypes.fit(new BigDecimal("1E+3"), money)).isNull();
    assertThat(DecimalTypes.fit(new BigDecimal("9".repeat(38)), ColumnType.decimal(38, 0))).isNotNull();
    assertThat(DecimalTypes.fit(new BigDecimal("1" + "0".repeat(38)), ColumnType.decimal(38, 0))).isNull();
  }
}
