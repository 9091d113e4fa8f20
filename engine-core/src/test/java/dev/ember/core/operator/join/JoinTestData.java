package dev.ember.core.operator.join;

import static dev.ember.core.operator.OperatorTesting.randomValue;
import static dev.ember.core.operator.OperatorTesting.schema;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random join sides: c0 INT key, c1 STRING key (colliding hash codes), c2 DOUBLE key (NaN, -0.0), c3 INT value, c4 BOOLEAN. */
final class JoinTestData {
  static final Schema SIDE = schema(ColumnType.INT, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.INT, ColumnType.BOOLEAN);
  static final int WIDTH = 5;
  private static final String[] COLLIDING = {"AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB", ""};

  private JoinTestData() {}

  static List<List<Object>> rows(Random random, int count, int keyDomain, double nullRate) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(Arrays.asList(
          randomValue(ColumnType.INT, random, keyDomain, nullRate),
          random.nextDouble() < nullRate ? null : COLLIDING[random.nextInt(COLLIDING.length)],
          randomValue(ColumnType.DOUBLE, random, 4, nullRate),
          randomValue(ColumnType.INT, random, 100, 0.1),
          randomValue(ColumnType.BOOLEAN, random, 2, 0.1)));
    }
    return rows;
  }

  /** {@code count} rows that all share one key (a heavily skewed key). */
  static List<List<Object>> hotRows(Random random, int count) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(Arrays.asList(7, "AaBB", 1.5, randomValue(ColumnType.INT, random, 100, 0.1), random.nextBoolean()));
    }
    return rows;
  }
}
