package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {
  private static QueryAnswer answer(Object... values) {
    return new QueryAnswer(List.of(Arrays.asList(values)));
  }

  @Test
  void aDecimalRoundedToScaleSixAgreesWithTheDoubleItRounds() {
    // Q1's avg(l_discount): Ember (as Spark) DECIMAL(19,6), DuckDB a double.
    QueryAnswer ember = answer("A", new java.math.BigDecimal("0.049985"), 1478493L);
    QueryAnswer duckDb = answer("A", 0.049985295838397614, 1478493L);

    assertThat(ember.checksum()).isNotEqualTo(duckDb.checksum());
    assertThat(ComparisonTable.sameAnswer(ember, duckDb)).isTrue();
  }

  @Test
  void numbersBeyondTheToleranceOrOtherValuesDisagree() {
    assertThat(ComparisonTable.sameAnswer(answer("A", 0.049985), answer("A", 0.049987))).isFalse();
    assertThat(ComparisonTable.sameAnswer(answer("A", 1.0), answer("B", 1.0))).isFalse();
    assertThat(ComparisonTable.sameAnswer(answer("A", 1L), answer("A", 2L))).isFalse();
    assertThat(ComparisonTable.sameAnswer(answer("A", 1.0), new QueryAnswer(List.of()))).isFalse();
  }

  @Test
  void equalChecksumsAgree() {
    assertThat(ComparisonTable.sameAnswer(answer("A", 319564.275), answer("A", 319564.27499999997))).isTrue();
  }
}
