package dev.ember.benchmarks.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryAnswerTest {
  private static QueryAnswer answer(List<?>... rows) {
    List<List<Object>> values = new ArrayList<>();
    for (List<?> row : rows) {
      values.add(new ArrayList<>(row));
    }
    return new QueryAnswer(values);
  }

  @Test
  void theChecksumIgnoresRowOrderButNotColumnOrderOrValues() {
    QueryAnswer answer = answer(List.of("A", 1L, 2.5), List.of("B", 2L, 3.5));
    assertThat(answer(List.of("B", 2L, 3.5), List.of("A", 1L, 2.5)).checksum()).isEqualTo(answer.checksum());
    assertThat(answer(List.of(1L, "A", 2.5), List.of("B", 2L, 3.5)).checksum()).isNotEqualTo(answer.checksum());
    assertThat(answer(List.of("A", 1L, 2.5), List.of("B", 3L, 3.5)).checksum()).isNotEqualTo(answer.checksum());
    assertThat(answer(List.of("A", 1L, 2.5)).checksum()).isNotEqualTo(answer.checksum());
    assertThat(answer.checksum()).hasSize(16);
  }

  @Test
  void doublesThatDifferOnlyInSummationErrorAgree() {
    // Two engines' sums of the same exact decimal (a rounding boundary for cents or 8 digits).
    assertThat(answer(List.of(319564.275)).checksum()).isEqualTo(answer(List.of(319564.27499999997)).checksum());
    assertThat(answer(List.of(374331.534)).checksum()).isEqualTo(answer(List.of(374331.53400000004)).checksum());
    assertThat(answer(List.of(-5.3e10)).checksum()).isEqualTo(answer(List.of(-5.3e10 * (1 + 1e-13))).checksum());
    // ...while a different cent does not.
    assertThat(answer(List.of(319564.275)).checksum()).isNotEqualTo(answer(List.of(319564.285)).checksum());
    assertThat(answer(List.of(1.5)).checksum()).isNotEqualTo(answer(List.of(-1.5)).checksum());
  }

  @Test
  void valuesOfEveryEnginesTypesNormalize() {
    QueryAnswer normalized = answer(Arrays.asList(7, (short) 7, BigInteger.valueOf(7), BigDecimal.valueOf(2.5), 2.5f,
        java.sql.Date.valueOf("1995-03-15"), null));
    assertThat(normalized.rows().getFirst())
        .containsExactly(7L, 7L, 7L, 2.5, 2.5, LocalDate.of(1995, 3, 15), null);
    assertThat(normalized.checksum()).isEqualTo(
        answer(Arrays.asList(7L, 7L, 7L, 2.5, 2.5, LocalDate.of(1995, 3, 15), null)).checksum());
    assertThatThrownBy(() -> answer(List.of(new Object()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }
}
