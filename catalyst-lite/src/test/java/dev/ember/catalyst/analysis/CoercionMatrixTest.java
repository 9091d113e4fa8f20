package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.relation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.Expression;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every pair of column types under {@code +}, {@code =} and coalesce, against tables of Spark 3.5
 * non-ANSI results written out by hand (independent of the analyzer's rules). A dash is an
 * analysis failure that must name both types.
 */
class CoercionMatrixTest {
  private static final List<String> TYPES = List.of("INT", "LONG", "DOUBLE", "STRING", "BOOLEAN", "DATE", "TIMESTAMP");

  /** Row: left type, column: right type, in TYPES order; the type of {@code left + right}. */
  private static final Map<String, String> PLUS = Map.of(
      "INT", "INT LONG DOUBLE DOUBLE - DATE -",
      "LONG", "LONG LONG DOUBLE DOUBLE - - -",
      "DOUBLE", "DOUBLE DOUBLE DOUBLE DOUBLE - - -",
      "STRING", "DOUBLE DOUBLE DOUBLE DOUBLE - - -",
      "BOOLEAN", "- - - - - - -",
      "DATE", "DATE - - - - - -",
      "TIMESTAMP", "- - - - - - -");

  /** The type both sides of {@code left = right} are compared as. */
  private static final Map<String, String> EQUALS = Map.of(
      "INT", "INT LONG DOUBLE INT - - -",
      "LONG", "LONG LONG DOUBLE LONG - - -",
      "DOUBLE", "DOUBLE DOUBLE DOUBLE DOUBLE - - -",
      "STRING", "INT LONG DOUBLE STRING BOOLEAN DATE TIMESTAMP",
      "BOOLEAN", "- - - BOOLEAN BOOLEAN - -",
      "DATE", "- - - DATE - DATE TIMESTAMP",
      "TIMESTAMP", "- - - TIMESTAMP - TIMESTAMP TIMESTAMP");

  /** The type of {@code coalesce(left, right)} (also CASE, IN and union). */
  private static final Map<String, String> COMMON = Map.of(
      "INT", "INT LONG DOUBLE STRING - - -",
      "LONG", "LONG LONG DOUBLE STRING - - -",
      "DOUBLE", "DOUBLE DOUBLE DOUBLE STRING - - -",
      "STRING", "STRING STRING STRING STRING - STRING STRING",
      "BOOLEAN", "- - - - BOOLEAN - -",
      "DATE", "- - - STRING - DATE TIMESTAMP",
      "TIMESTAMP", "- - - STRING - TIMESTAMP TIMESTAMP");

  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation table = relation(
      "c_int INT, c_long LONG, c_double DOUBLE, c_string STRING, c_boolean BOOLEAN, c_date DATE, c_timestamp TIMESTAMP");

  private static String column(String type) {
    return "c_" + type.toLowerCase(Locale.ROOT);
  }

  private static String expected(Map<String, String> table, String left, String right) {
    return table.get(left).split(" ")[TYPES.indexOf(right)];
  }

  @Test
  void additionFollowsSparksTable() {
    for (String left : TYPES) {
      for (String right : TYPES) {
        String expected = expected(PLUS, left, right);
        var expression = call("+", col(column(left)), col(column(right)));
        if (expected.equals("-")) {
          assertThatThrownBy(() -> analyzer.resolve(expression, table)).as(left + " + " + right)
              .isInstanceOf(AnalysisFailure.class).hasMessageContaining("\"" + (left.equals("LONG") ? "BIGINT" : left) + "\"");
          continue;
        }
        Expression resolved = analyzer.resolve(expression, table);
        assertThat(resolved.type()).as(left + " + " + right).isEqualTo(TestTypes.of(expected));
        if (resolved instanceof Arithmetic arithmetic) {
          assertThat(arithmetic.left().type()).isEqualTo(arithmetic.right().type());
        } else {
          assertThat(resolved).isInstanceOf(DateAdd.class);
        }
      }
    }
  }

  @Test
  void equalityFollowsSparksTable() {
    for (String left : TYPES) {
      for (String right : TYPES) {
        String expected = expected(EQUALS, left, right);
        var expression = call("=", col(column(left)), col(column(right)));
        if (expected.equals("-")) {
          assertThatThrownBy(() -> analyzer.resolve(expression, table)).as(left + " = " + right)
              .isInstanceOf(AnalysisFailure.class).hasMessageContaining("BINARY_OP_DIFF_TYPES");
          continue;
        }
        Comparison comparison = (Comparison) analyzer.resolve(expression, table);
        assertThat(comparison.left().type()).as(left + " = " + right).isEqualTo(TestTypes.of(expected));
      }
    }
  }

  @Test
  void commonTypesFollowSparksTable() {
    for (String left : TYPES) {
      for (String right : TYPES) {
        String expected = expected(COMMON, left, right);
        var expression = call("coalesce", col(column(left)), col(column(right)));
        if (expected.equals("-")) {
          assertThatThrownBy(() -> analyzer.resolve(expression, table)).as("coalesce " + left + ", " + right)
              .isInstanceOf(AnalysisFailure.class).hasMessageContaining("DATA_DIFF_TYPES");
          continue;
        }
        assertThat(analyzer.resolve(expression, table).type()).as("coalesce " + left + ", " + right)
            .isEqualTo(TestTypes.of(expected));
      }
    }
  }

  /** Type names of the tables. */
  private static final class TestTypes {
    static ColumnType of(String name) {
      return new ColumnType(TypeKind.valueOf(name), 0, 0);
    }
  }
}
