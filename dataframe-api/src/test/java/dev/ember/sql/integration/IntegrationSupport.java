package dev.ember.sql.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Shared pieces of the end-to-end tests: the session configurations every test runs under (one
 * slot and one shuffle partition; four slots with four and with seven shuffle partitions; all on
 * the master of {@value #TEST_MASTER_PROPERTY} when that is set), random
 * tables with nulls, duplicates and skewed keys, and order-insensitive row comparison.
 */
final class IntegrationSupport {
  /** {@code id INT NOT NULL, k INT, g STRING, v LONG, d DOUBLE, dt DATE}. */
  static final StructType FACTS = StructType.fromDDL("id INT NOT NULL, k INT, g STRING, v BIGINT, d DOUBLE, dt DATE");

  private IntegrationSupport() {}

  static Stream<Arguments> configurations() {
    return Stream.of(Arguments.of("local[1]", 1), Arguments.of("local[4]", 4), Arguments.of("local[4]", 7));
  }

  /**
   * {@code -Dember.test.master=local-cluster[2,1,1g]} (or any master URL) runs every session of
   * these tests on that master instead of the one the test names, with the test's own settings:
   * the same suite, end to end, on executor processes. Unset, tests run as written.
   */
  static final String TEST_MASTER_PROPERTY = "ember.test.master";

  /** The master a test's session runs on: the flag's, else {@code master}. */
  static String master(String master) {
    String override = System.getProperty(TEST_MASTER_PROPERTY, "").trim();
    return override.isEmpty() ? master : override;
  }

  static EmberSession session(String master, int shufflePartitions) {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    return EmberSession.builder()
        .appName("integration")
        .master(master(master))
        .config("ember.sql.shuffle.partitions", Integer.toString(shufflePartitions))
        .getOrCreate();
  }

  /**
   * Random facts: ids 0..count-1; k skewed (half the rows have k = 0) with nulls; g from a small
   * domain with nulls; v, d, dt with nulls.
   */
  static List<Row> facts(int count, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>(count);
    for (int id = 0; id < count; id++) {
      Integer k = random.nextInt(10) == 0 ? null : random.nextBoolean() ? 0 : random.nextInt(20) - 5;
      String g = random.nextInt(8) == 0 ? null : "g" + random.nextInt(6);
      Long v = random.nextInt(7) == 0 ? null : (long) random.nextInt(2000) - 1000;
      Double d = random.nextInt(9) == 0 ? null : Math.round(random.nextDouble() * 10_000) / 100.0 - 30;
      LocalDate dt = random.nextInt(6) == 0 ? null : LocalDate.of(2020, 1, 1).plusDays(random.nextInt(800));
      rows.add(RowFactory.create(id, k, g, v, d, dt));
    }
    return rows;
  }

  static DataFrame factsFrame(EmberSession session, int count, long seed) {
    // One partition per slot, whatever the size: the integration tests run their plans over several partitions.
    return session.createDataFrame(facts(count, seed), FACTS, session.defaultParallelism());
  }

  static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /** Same rows, any order; doubles equal within a relative 1e-9 (sums depend on the order of adding). */
  static void assertSameRows(List<Row> actual, List<Row> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    List<Row> sortedActual = new ArrayList<>(actual);
    List<Row> sortedExpected = new ArrayList<>(expected);
    sortedActual.sort(ROW_ORDER);
    sortedExpected.sort(ROW_ORDER);
    for (int i = 0; i < sortedExpected.size(); i++) {
      assertRowEquals(sortedActual.get(i), sortedExpected.get(i), "row " + i + " in sorted order");
    }
  }

  /** Same rows in the same order. */
  static void assertSameRowsInOrder(List<Row> actual, List<Row> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertRowEquals(actual.get(i), expected.get(i), "row " + i);
    }
  }

  static void assertRowEquals(Row actual, Row expected, String where) {
    assertThat(actual.size()).as(where + " size").isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      Object left = actual.get(i);
      Object right = expected.get(i);
      if (left instanceof Double l && right instanceof Double r && Double.isFinite(r)) {
        assertThat(l).as(where + " column " + i + ": " + actual + " vs " + expected)
            .isCloseTo(r, org.assertj.core.data.Offset.offset(Math.max(1e-9, Math.abs(r) * 1e-9)));
      } else {
        assertThat(left).as(where + " column " + i + ": " + actual + " vs " + expected).isEqualTo(right);
      }
    }
  }

  /** A total order over rows of comparable Java values, nulls first (only to line rows up). */
  static final Comparator<Row> ROW_ORDER = (left, right) -> {
    int size = Math.min(left.size(), right.size());
    for (int i = 0; i < size; i++) {
      int order = compareValues(left.get(i), right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  };

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareValues(Object left, Object right) {
    if (left == null || right == null) {
      return left == null ? (right == null ? 0 : -1) : 1;
    }
    if (left instanceof Double l && right instanceof Double r) {
      // close doubles line up together even when sums differ in the last bits
      return Math.abs(l - r) <= Math.max(1e-9, Math.abs(r) * 1e-9) ? 0 : Double.compare(l, r);
    }
    return ((Comparable) left).compareTo(right);
  }

  /** Every message in a cause chain, for asserting on errors wrapped by the job runner. */
  static String allMessages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable current = error; current != null; current = current.getCause()) {
      text.append(current.getClass().getName()).append(": ").append(current.getMessage()).append('\n');
    }
    return text.toString();
  }

  static Object[] values(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(i);
    }
    return values;
  }

  static boolean sameKey(Object left, Object right) {
    return left != null && right != null && Objects.equals(left, right);
  }

  static List<Row> concat(List<Row> first, List<Row> second) {
    List<Row> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  static Row concat(Row left, Row right) {
    Object[] values = Arrays.copyOf(values(left), left.size() + right.size());
    System.arraycopy(values(right), 0, values, left.size(), right.size());
    return RowFactory.create(values);
  }
}
