package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.AnalysisException;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Analysis errors surface when the DataFrame is built, with the offending expression and the available columns. */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class AnalysisErrorsIntegrationTest {
  @Test
  void unresolvedColumnListsTheAvailableOnes() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame frame = IntegrationSupport.factsFrame(session, 5, 51);
      assertThatThrownBy(() -> frame.select(col("nme")))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("nme")
          .hasMessageContaining("id").hasMessageContaining("k").hasMessageContaining("g")
          .hasMessageContaining("v").hasMessageContaining("d").hasMessageContaining("dt");
      assertThatThrownBy(() -> frame.filter(col("missing").gt(1))).isInstanceOf(AnalysisException.class)
          .hasMessageContaining("missing");
      assertThatThrownBy(() -> frame.select("missing")).isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> frame.groupBy("missing").count()).isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> frame.orderBy("missing")).isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> frame.withColumn("x", col("missing"))).isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> frame.col("missing")).isInstanceOf(AnalysisException.class)
          .hasMessageContaining("missing");
      assertThatThrownBy(() -> frame.dropDuplicates("missing")).isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> frame.agg(sum(col("missing")))).isInstanceOf(AnalysisException.class);
    }
  }

  @Test
  void stringPlusDateIsATypeMismatch() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame frame = IntegrationSupport.factsFrame(session, 5, 52);
      assertThatThrownBy(() -> frame.withColumn("bad", col("g").plus(col("dt"))))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("(g + dt)")
          .satisfies(error -> org.assertj.core.api.Assertions.assertThat(error.getMessage().toLowerCase())
              .contains("string").contains("date"));
      assertThatThrownBy(() -> frame.filter(col("id").plus(1))).isInstanceOf(AnalysisException.class);
      // sum of a string is allowed (Spark casts it to double), of a date it is not.
      assertThatThrownBy(() -> frame.groupBy("k").agg(sum(col("dt"))))
          .isInstanceOf(AnalysisException.class)
          .hasMessageContaining("sum(dt)");
    }
  }

  @Test
  void joinConditionOnMissingColumnFailsAtTheJoin() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame left = session.range(3);
      DataFrame right = session.range(3);
      assertThatThrownBy(() -> left.join(right, col("nope").equalTo(col("id"))))
          .isInstanceOf(AnalysisException.class);
      assertThatThrownBy(() -> left.join(right, "nope")).isInstanceOf(AnalysisException.class);
    }
  }
}
