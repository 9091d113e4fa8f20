package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.facts;
import static dev.ember.sql.integration.IntegrationSupport.row;

import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated SQL (filters with AND/OR/NOT, comparisons, BETWEEN, IN, IS NULL; grouped
 * aggregates; inner and left joins) over small tables with nulls, each checked against a plain
 * Java evaluation of the same query with SQL's three-valued logic.
 */
@ExtendWith(EngineHygiene.class)
class RandomSqlIntegrationTest {
  private static final int QUERIES_PER_SHAPE = 25;

  private EmberSession session;
  private List<Row> factRows;
  private List<Row> dimRows;
  private Random random;

  /** A generated predicate: its SQL text and its value on a fact row (null for unknown). */
  private interface Predicate {
    String sql(String qualifier);

    Boolean test(Row fact);
  }

  @BeforeEach
  void start() {
    session = IntegrationSupport.session("local[2]", 3);
    factRows = facts(150, 11);
    dimRows = new ArrayList<>();
    for (int k = -4; k < 10; k++) {
      dimRows.add(row(k % 5 == 4 ? null : k, "label" + k));
    }
    dimRows.add(row(0, "zero again"));
    session.createDataFrame(factRows, IntegrationSupport.FACTS).createOrReplaceTempView("facts");
    session.createDataFrame(dimRows, StructType.fromDDL("k INT, label STRING")).createOrReplaceTempView("dims");
    random = new Random(2026);
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  @Test
  void filtersMatchTheReference() {
    for (int i = 0; i < QUERIES_PER_SHAPE; i++) {
      Predicate predicate = predicate(3);
      String sql = "SELECT id, g FROM facts WHERE " + predicate.sql("");
      List<Row> expected = factRows.stream().filter(r -> Boolean.TRUE.equals(predicate.test(r)))
          .map(r -> row(r.get(0), r.get(2))).toList();
      assertSameRowsFor(sql, expected);
    }
  }

  @Test
  void groupedAggregatesMatchTheReference() {
    for (int i = 0; i < QUERIES_PER_SHAPE; i++) {
      Predicate predicate = predicate(2);
      String sql = "SELECT g, count(*) AS n, count(k) AS nk, sum(v) AS total, min(k) AS low, max(v) AS high"
          + " FROM facts WHERE " + predicate.sql("") + " GROUP BY g";
      Map<String, List<Row>> groups = new LinkedHashMap<>();
      for (Row fact : factRows) {
        if (Boolean.TRUE.equals(predicate.test(fact))) {
          groups.computeIfAbsent(fact.getString(2), key -> new ArrayList<>()).add(fact);
        }
      }
      List<Row> expected = new ArrayList<>();
      for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
        List<Row> rows = group.getValue();
        List<Integer> ks = rows.stream().filter(r -> !r.isNullAt(1)).map(r -> r.getInt(1)).toList();
        List<Long> vs = rows.stream().filter(r -> !r.isNullAt(3)).map(r -> r.getLong(3)).toList();
        expected.add(row(group.getKey(), (long) rows.size(), (long) ks.size(),
            vs.isEmpty() ? null : vs.stream().mapToLong(Long::longValue).sum(),
            ks.isEmpty() ? null : ks.stream().min(Integer::compare).orElseThrow(),
            vs.isEmpty() ? null : vs.stream().max(Long::compare).orElseThrow()));
      }
      assertSameRowsFor(sql, expected);
    }
  }

  @Test
  void joinsMatchTheReference() {
    for (int i = 0; i < QUERIES_PER_SHAPE; i++) {
      Predicate predicate = predicate(2);
      boolean left = random.nextBoolean();
      String sql = "SELECT f.id, d.label FROM facts f " + (left ? "LEFT JOIN" : "JOIN") + " dims d ON f.k = d.k"
          + " WHERE " + predicate.sql("f.");
      Map<Integer, List<String>> labels = new HashMap<>();
      for (Row dim : dimRows) {
        if (!dim.isNullAt(0)) {
          labels.computeIfAbsent(dim.getInt(0), key -> new ArrayList<>()).add(dim.getString(1));
        }
      }
      List<Row> expected = new ArrayList<>();
      for (Row fact : factRows) {
        if (!Boolean.TRUE.equals(predicate.test(fact))) {
          continue;
        }
        List<String> matches = fact.isNullAt(1) ? List.of() : labels.getOrDefault(fact.getInt(1), List.of());
        for (String label : matches) {
          expected.add(row(fact.get(0), label));
        }
        if (matches.isEmpty() && left) {
          expected.add(row(fact.get(0), null));
        }
      }
      assertSameRowsFor(sql, expected);
    }
  }

  private void assertSameRowsFor(String sql, List<Row> expected) {
    try {
      assertSameRows(session.sql(sql).collectAsList(), expected);
    } catch (AssertionError failure) {
      throw new AssertionError("for " + sql + ": " + failure.getMessage(), failure);
    }
  }

  private Predicate predicate(int depth) {
    if (depth == 0 || random.nextInt(3) == 0) {
      return atom();
    }
    Predicate left = predicate(depth - 1);
    Predicate right = predicate(depth - 1);
    return switch (random.nextInt(3)) {
      case 0 -> new Predicate() {
        @Override
        public String sql(String q) {
          return "(" + left.sql(q) + " AND " + right.sql(q) + ")";
        }

        @Override

        public Boolean test(Row fact) {
          Boolean a = left.test(fact);
          Boolean b = right.test(fact);
          if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
          }
          return a == null || b == null ? null : true;
        }
      };
      case 1 -> new Predicate() {
        @Override
        public String sql(String q) {
          return "(" + left.sql(q) + " OR " + right.sql(q) + ")";
        }

        @Override

        public Boolean test(Row fact) {
          Boolean a = left.test(fact);
          Boolean b = right.test(fact);
          if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
          }
          return a == null || b == null ? null : false;
        }
      };
      default -> new Predicate() {
        @Override
        public String sql(String q) {
          return "NOT (" + left.sql(q) + ")";
        }

        @Override

        public Boolean test(Row fact) {
          Boolean a = left.test(fact);
          return a == null ? null : !a;
        }
      };
    };
  }

  /** One comparison on k (INT, column 1), g (STRING, column 2) or v (BIGINT, column 3). */
  private Predicate atom() {
    int constant = random.nextInt(30) - 10;
    int other = constant + random.nextInt(500);
    String group = "g" + random.nextInt(7);
    return switch (random.nextInt(7)) {
      case 0 -> comparison("k", 1, ">", constant);
      case 1 -> comparison("k", 1, "<=", constant);
      case 2 -> comparison("v", 3, "<", constant * 40L);
      case 3 -> new Predicate() {
        @Override
        public String sql(String q) {
          return q + "v BETWEEN " + (constant * 40) + " AND " + other;
        }

        @Override

        public Boolean test(Row fact) {
          return fact.isNullAt(3) ? null : fact.getLong(3) >= constant * 40L && fact.getLong(3) <= other;
        }
      };
      case 4 -> new Predicate() {
        @Override
        public String sql(String q) {
          return q + "k IN (" + constant + ", " + (constant + 1) + ", 0)";
        }

        @Override

        public Boolean test(Row fact) {
          if (fact.isNullAt(1)) {
            return null;
          }
          int k = fact.getInt(1);
          return k == constant || k == constant + 1 || k == 0;
        }
      };
      case 5 -> new Predicate() {
        @Override
        public String sql(String q) {
          return q + "g = '" + group + "'";
        }

        @Override

        public Boolean test(Row fact) {
          return fact.isNullAt(2) ? null : fact.getString(2).equals(group);
        }
      };
      default -> {
        boolean negated = random.nextBoolean();
        String column = random.nextBoolean() ? "k" : "g";
        int index = column.equals("k") ? 1 : 2;
        yield new Predicate() {
          @Override
          public String sql(String q) {
            return q + column + (negated ? " IS NOT NULL" : " IS NULL");
          }

          @Override

          public Boolean test(Row fact) {
            return fact.isNullAt(index) == !negated;
          }
        };
      }
    };
  }

  private static Predicate comparison(String column, int index, String operator, long constant) {
    return new Predicate() {
      @Override
      public String sql(String q) {
        return q + column + " " + operator + " " + constant;
      }

      @Override

      public Boolean test(Row fact) {
        if (fact.isNullAt(index)) {
          return null;
        }
        long value = ((Number) Objects.requireNonNull(fact.get(index))).longValue();
        return switch (operator) {
          case ">" -> value > constant;
          case "<=" -> value <= constant;
          case "<" -> value < constant;
          default -> throw new IllegalArgumentException(operator);
        };
      }
    };
  }
}
