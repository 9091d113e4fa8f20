package dev.ember.sql.integration;

import static dev.ember.sql.functions.broadcast;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.concat;
import static dev.ember.sql.integration.IntegrationSupport.row;
import static dev.ember.sql.integration.IntegrationSupport.sameKey;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.testing.TestSeeds;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every join type with duplicate and null keys, against a plain-Java nested loop. */
@ExtendWith(EngineHygiene.class)
@Tag("integration")
class JoinIntegrationTest {
  private static final StructType LEFT = StructType.fromDDL("lk INT, lv STRING");
  private static final StructType RIGHT = StructType.fromDDL("rk INT, rv BIGINT");

  static Stream<Arguments> joinTypesAndConfigurations() {
    List<Arguments> all = new ArrayList<>();
    for (String type : List.of("inner", "left", "right", "full", "left_semi", "left_anti", "leftouter", "outer")) {
      IntegrationSupport.configurations().forEach(configuration ->
          all.add(Arguments.of(type, configuration.get()[0], configuration.get()[1])));
    }
    return all.stream();
  }

  private static List<Row> table(int count, int keyRange, long seed, boolean stringValue) {
    Random random = new Random(TestSeeds.seed(seed));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Integer key = random.nextInt(8) == 0 ? null : random.nextInt(4) == 0 ? 1 : random.nextInt(keyRange);
      rows.add(RowFactory.create(key, stringValue ? (Object) ("v" + i) : (Object) (long) i));
    }
    return rows;
  }

  /** The join by a nested loop: nulls never match; outer sides padded with nulls. */
  static List<Row> expectedJoin(List<Row> left, List<Row> right, String type) {
    String normalized = switch (type) {
      case "leftouter" -> "left";
      case "outer" -> "full";
      default -> type;
    };
    Row leftNulls = RowFactory.create(null, null);
    Row rightNulls = RowFactory.create(null, null);
    List<Row> result = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        if (sameKey(l.get(0), r.get(0))) {
          matched = true;
          rightMatched[j] = true;
          if (!normalized.equals("left_semi") && !normalized.equals("left_anti")) {
            result.add(concat(l, r));
          }
        }
      }
      switch (normalized) {
        case "left", "full" -> {
          if (!matched) {
            result.add(concat(l, rightNulls));
          }
        }
        case "left_semi" -> {
          if (matched) {
            result.add(l);
          }
        }
        case "left_anti" -> {
          if (!matched) {
            result.add(l);
          }
        }
        default -> { }
      }
    }
    if (normalized.equals("right") || normalized.equals("full")) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          result.add(concat(leftNulls, right.get(j)));
        }
      }
    }
    return result;
  }

  @ParameterizedTest
  @MethodSource("joinTypesAndConfigurations")
  void joinTypesWithDuplicateAndNullKeys(String joinType, String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> left = table(300, 40, 21, true);
      List<Row> right = table(200, 50, 22, false);
      DataFrame l = session.createDataFrame(left, LEFT);
      DataFrame r = session.createDataFrame(right, RIGHT);
      DataFrame joined = l.join(r, l.col("lk").equalTo(r.col("rk")), joinType);
      assertSameRows(joined.collectAsList(), expectedJoin(left, right, joinType));
      // the same with the right side broadcast
      DataFrame broadcastJoined = l.join(broadcast(r), l.col("lk").equalTo(r.col("rk")), joinType);
      assertSameRows(broadcastJoined.collectAsList(), expectedJoin(left, right, joinType));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.ember.sql.integration.IntegrationSupport#configurations")
  void emptySides(String master, int shufflePartitions) {
    try (EmberSession session = session(master, shufflePartitions)) {
      List<Row> left = table(50, 10, 23, true);
      DataFrame l = session.createDataFrame(left, LEFT);
      DataFrame empty = session.createDataFrame(List.of(), RIGHT);
      for (String type : List.of("inner", "left", "right", "full", "left_semi", "left_anti")) {
        assertSameRows(l.join(empty, l.col("lk").equalTo(empty.col("rk")), type).collectAsList(),
            expectedJoin(left, List.of(), type));
      }
    }
  }

  @Test
  void crossJoinPairsEveryRow() {
    try (EmberSession session = session("local[4]", 4)) {
      List<Row> left = table(30, 5, 24, true);
      List<Row> right = table(20, 5, 25, false);
      DataFrame l = session.createDataFrame(left, LEFT);
      DataFrame r = session.createDataFrame(right, RIGHT);
      List<Row> expected = new ArrayList<>();
      for (Row a : left) {
        for (Row b : right) {
          expected.add(concat(a, b));
        }
      }
      assertSameRows(l.crossJoin(r).collectAsList(), expected);
      assertSameRows(l.join(r, col("lk").lt(col("rk")), "cross").collectAsList(),
          expected.stream().filter(row -> !row.isNullAt(0) && !row.isNullAt(2) && row.getInt(0) < row.getInt(2)).toList());
    }
  }

  @Test
  void joinUsingOutputsTheKeyOnceFirst() {
    try (EmberSession session = session("local[2]", 3)) {
      StructType leftSchema = StructType.fromDDL("a STRING, key INT");
      StructType rightSchema = StructType.fromDDL("key INT, b BIGINT");
      DataFrame l = session.createDataFrame(List.of(
          RowFactory.create("x", 1), RowFactory.create("y", 2), RowFactory.create("z", null), RowFactory.create("w", 1)),
          leftSchema);
      DataFrame r = session.createDataFrame(List.of(
          RowFactory.create(1, 10L), RowFactory.create(3, 30L), RowFactory.create(null, 0L)), rightSchema);
      DataFrame joined = l.join(r, "key");
      assertThat(joined.columns()).containsExactly("key", "a", "b");
      assertSameRows(joined.collectAsList(), List.of(row(1, "x", 10L), row(1, "w", 10L)));
    }
  }

  @Test
  void selfJoinThroughAliases() {
    try (EmberSession session = session("local[2]", 2)) {
      DataFrame people = session.createDataFrame(List.of(
          RowFactory.create(1, null), RowFactory.create(2, 1), RowFactory.create(3, 1), RowFactory.create(4, 2)),
          StructType.fromDDL("id INT, manager INT"));
      DataFrame employees = people.alias("e");
      DataFrame managers = people.alias("m");
      DataFrame joined = employees.join(managers, col("e.manager").equalTo(col("m.id")))
          .select(col("e.id"), col("m.id").as("boss"));
      assertSameRows(joined.collectAsList(), List.of(row(2, 1), row(3, 1), row(4, 2)));
    }
  }

  @Test
  void broadcastMarksTheJoin() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame l = session.range(10);
      DataFrame r = session.range(5);
      LogicalPlan plan = l.join(broadcast(r), l.col("id").equalTo(r.col("id"))).logicalPlan();
      Join join = findJoin(plan);
      assertThat(join.broadcastRight()).isTrue();
      assertThat(join.broadcastLeft()).isFalse();
      assertThat(l.join(r, l.col("id").equalTo(r.col("id"))).count()).isEqualTo(5);
    }
  }

  @Test
  void unknownJoinTypeIsRejected() {
    try (EmberSession session = session("local[1]", 1)) {
      DataFrame l = session.range(1);
      assertThatThrownBy(() -> l.join(l, col("id").equalTo(1), "sideways"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Unsupported join type 'sideways'");
    }
  }

  private static Join findJoin(LogicalPlan plan) {
    if (plan instanceof Join join) {
      return join;
    }
    for (LogicalPlan child : plan.children()) {
      Join join = findJoin(child);
      if (join != null) {
        return join;
      }
    }
    return null;
  }
}
