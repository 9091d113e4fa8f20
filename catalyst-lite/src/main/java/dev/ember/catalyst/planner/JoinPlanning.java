package dev.ember.catalyst.planner;

import dev.ember.catalyst.plan.Join;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.SortMergeJoinExec;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the join operator and the exchanges under it:
 *
 * <ul>
 *   <li>a broadcast hint on the right (INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI) or on the
 *       left (INNER, CROSS, RIGHT_OUTER, planned with the sides swapped and a projection that
 *       restores the column order) ships the hinted side whole to every task of the other;
 *   <li>without a hint, a side whose estimated size is within the auto-broadcast threshold is
 *       broadcast the same way (the smaller, if both are);
 *   <li>equi-join keys: both sides hash-partitioned alike on the keys (a side already hashed on
 *       some of its keys keeps its partitioning and the other side is shuffled to match); a hash
 *       join building on the right when the right side's estimated size per task fits
 *       {@link PlannerSettings#joinMemoryBudget()}, else on the left (sides swapped) when the
 *       left's does, else a sort-merge join, which needs neither in memory;
 *   <li>no keys: a nested-loop join against a broadcast right side, or, for RIGHT_OUTER and
 *       FULL_OUTER, with both sides in one partition.
 * </ul>
 */
final class JoinPlanning {
  private JoinPlanning() {}

  static Planned plan(Join join, Planned left, Planned right, PlannerSettings settings, SizeEstimation sizes) {
    JoinType type = join.joinType();
    JoinKeys keys = JoinKeys.extract(join.condition(), left.output(), right.output());
    boolean buildRight = join.broadcastRight() && broadcastsRight(type);
    boolean buildLeft = !buildRight && join.broadcastLeft() && broadcastsLeft(type);
    if (!buildRight && !buildLeft && (keys.isEquiJoin() || type == JoinType.RIGHT_OUTER)) {
      // Without a hint, a side small enough is broadcast; of two, the smaller (Spark's choice).
      long leftSize = sizes.estimatedSizeInBytes(join.left());
      long rightSize = sizes.estimatedSizeInBytes(join.right());
      boolean rightFits = keys.isEquiJoin() && broadcastsRight(type) && settings.autoBroadcasts(rightSize);
      boolean leftFits = broadcastsLeft(type) && settings.autoBroadcasts(leftSize);
      buildRight = rightFits && (!leftFits || rightSize <= leftSize);
      buildLeft = !buildRight && leftFits;
    }
    if (buildRight) {
      return broadcastRight(join, type, left, right, keys, join.output());
    }
    if (buildLeft) {
      JoinType swappedType = type == JoinType.RIGHT_OUTER ? JoinType.LEFT_OUTER : type;
      Join swappedJoin = new Join(join.right(), join.left(), swappedType, join.condition(), false, true);
      Planned swapped = broadcastRight(swappedJoin, swappedType, right, left, keys.swapped(), swappedJoin.output());
      List<AttributeReference> output = join.output();
      List<Expression> reorder = new ArrayList<>();
      for (AttributeReference attribute : output) {
        reorder.add(Binder.reference(attribute, swapped.output()));
      }
      ProjectExec project = new ProjectExec(swapped.plan(), reorder, Binder.schema(output));
      return new Planned(project, output, swapped.distribution());
    }
    if (keys.isEquiJoin()) {
      return shuffledJoin(join, type, left, right, keys, settings, sizes);
    }
    return nestedLoop(join, type, left, right);
  }

  /** Join types that can build on the left: planned swapped, as a join that builds on the right. */
  private static boolean broadcastsLeft(JoinType type) {
    return switch (type) {
      case INNER, CROSS, RIGHT_OUTER -> true;
      case LEFT_OUTER, FULL_OUTER, LEFT_SEMI, LEFT_ANTI -> false;
    };
  }

  private static boolean broadcastsRight(JoinType type) {
    return switch (type) {
      case INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> true;
      case RIGHT_OUTER, FULL_OUTER -> false;
    };
  }

  private static Planned broadcastRight(
      Join join, JoinType type, Planned left, Planned right, JoinKeys keys, List<AttributeReference> output) {
    ExchangeExec broadcast = new ExchangeExec(right.plan(), new Partitioning.Broadcast());
    List<AttributeReference> both = concat(left.output(), right.output());
    PhysicalPlan plan;
    if (keys.isEquiJoin()) {
      plan = new HashJoinExec(left.plan(), broadcast, hashJoinType(type),
          Binder.bindAll(keys.leftKeys(), left.output()), Binder.bindAll(keys.rightKeys(), right.output()),
          bindOrNull(keys.residualCondition(), both), Binder.schema(output));
    } else {
      plan = new NestedLoopJoinExec(left.plan(), broadcast, type, bindOrNull(join.condition(), both), Binder.schema(output));
    }
    return new Planned(plan, output, left.distribution().keptBy(output));
  }

  /**
   * A join of two hash-partitioned sides. The sides are co-partitioned on (some of) the key pairs,
   * reusing a side's partitioning when it is already hashed on some of its join keys (then only
   * the other side is shuffled, to match), else hashing both on all keys. The operator: a hash
   * join that builds on the right when the right side's table fits a task's memory budget, else on
   * the left (sides swapped, columns reordered) when the left's does, else a sort-merge join.
   */
  private static Planned shuffledJoin(
      Join join, JoinType type, Planned left, Planned right, JoinKeys keys, PlannerSettings settings,
      SizeEstimation sizes) {
    List<AttributeReference> output = join.output();
    boolean bothSingle = left.distribution() instanceof Distribution.Single
        && right.distribution() instanceof Distribution.Single;
    Placement placement = bothSingle ? Placement.all(keys, 1) : Placement.choose(left, right, keys, settings.shufflePartitions());
    List<Expression> leftPartitionKeys = placement.select(keys.leftKeys());
    List<Expression> rightPartitionKeys = placement.select(keys.rightKeys());
    int partitions = placement.partitionCount();
    PhysicalPlan leftPlan = bothSingle ? left.plan() : hashed(left, leftPartitionKeys, partitions);
    PhysicalPlan rightPlan = bothSingle ? right.plan() : hashed(right, rightPartitionKeys, partitions);

    Distribution distribution;
    if (bothSingle) {
      distribution = Distribution.SINGLE;
    } else {
      distribution = switch (type) {
        // Matched rows have equal left and right keys: both hash alike.
        case INNER, CROSS -> Distribution.hashedByAny(List.of(leftPartitionKeys, rightPartitionKeys), partitions);
        case LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> Distribution.hashed(leftPartitionKeys, partitions);
        case RIGHT_OUTER -> Distribution.hashed(rightPartitionKeys, partitions);
        // Unmatched rows of either side carry nulls in the other side's keys.
        case FULL_OUTER -> Distribution.UNKNOWN;
      };
    }

    List<Expression> leftKeys = Binder.bindAll(keys.leftKeys(), left.output());
    List<Expression> rightKeys = Binder.bindAll(keys.rightKeys(), right.output());
    Expression residual = keys.residualCondition();
    if (settings.hashTableFits(sizes.estimatedSizeInBytes(join.right()), partitions)) {
      HashJoinExec plan = new HashJoinExec(leftPlan, rightPlan, hashJoinType(type), leftKeys, rightKeys,
          bindOrNull(residual, concat(left.output(), right.output())), Binder.schema(output));
      return new Planned(plan, output, distribution);
    }
    if (buildsLeftWhenShuffled(type) && settings.hashTableFits(sizes.estimatedSizeInBytes(join.left()), partitions)) {
      // Build on the left: join right with left, then restore the column order.
      List<AttributeReference> swappedOutput = swappedOutput(output, right.output());
      HashJoinExec swapped = new HashJoinExec(rightPlan, leftPlan, swappedType(type), rightKeys, leftKeys,
          bindOrNull(residual, concat(right.output(), left.output())), Binder.schema(swappedOutput));
      List<Expression> reorder = new ArrayList<>();
      for (AttributeReference attribute : output) {
        reorder.add(Binder.reference(attribute, swappedOutput));
      }
      return new Planned(new ProjectExec(swapped, reorder, Binder.schema(output)), output, distribution);
    }
    SortMergeJoinExec plan = new SortMergeJoinExec(leftPlan, rightPlan, hashJoinType(type), leftKeys, rightKeys,
        bindOrNull(residual, concat(left.output(), right.output())), Binder.schema(output));
    return new Planned(plan, output, distribution);
  }

  /** Join types a shuffled hash join can build on the left for, by swapping the sides. */
  private static boolean buildsLeftWhenShuffled(JoinType type) {
    return switch (type) {
      case INNER, CROSS, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER -> true;
      case LEFT_SEMI, LEFT_ANTI -> false;
    };
  }

  private static JoinType swappedType(JoinType type) {
    return switch (type) {
      case INNER, CROSS -> JoinType.INNER;
      case LEFT_OUTER -> JoinType.RIGHT_OUTER;
      case RIGHT_OUTER -> JoinType.LEFT_OUTER;
      case FULL_OUTER -> JoinType.FULL_OUTER;
      case LEFT_SEMI, LEFT_ANTI -> throw new IllegalArgumentException("a " + type + " join cannot swap its sides");
    };
  }

  /** The join's output attributes (with their join nullability), the right side's first. */
  private static List<AttributeReference> swappedOutput(List<AttributeReference> output, List<AttributeReference> right) {
    // Loops, not streams: planning runs on every action, mostly interpreted in a young JVM.
    java.util.Set<Long> rightIds = new java.util.HashSet<>();
    for (AttributeReference attribute : right) {
      rightIds.add(attribute.id());
    }
    List<AttributeReference> swapped = new ArrayList<>(output.size());
    for (AttributeReference attribute : output) {
      if (rightIds.contains(attribute.id())) {
        swapped.add(attribute);
      }
    }
    for (AttributeReference attribute : output) {
      if (!rightIds.contains(attribute.id())) {
        swapped.add(attribute);
      }
    }
    return swapped;
  }

  /**
   * Which key pairs (by index) both sides are hash-partitioned on, and into how many partitions.
   * Hashing on a subset of the key pairs is enough: rows with equal keys have equal subsets.
   */
  private record Placement(List<Integer> indexes, int partitionCount) {
    static Placement all(JoinKeys keys, int partitionCount) {
      List<Integer> indexes = new ArrayList<>();
      for (int i = 0; i < keys.leftKeys().size(); i++) {
        indexes.add(i);
      }
      return new Placement(indexes, partitionCount);
    }

    /** The left side's existing partitioning, else the right side's, else all keys into {@code shufflePartitions}. */
    static Placement choose(Planned left, Planned right, JoinKeys keys, int shufflePartitions) {
      Placement fromLeft = existing(left.distribution(), keys.leftKeys());
      Placement fromRight = existing(right.distribution(), keys.rightKeys());
      if (fromLeft != null) {
        return fromLeft;
      }
      if (fromRight != null) {
        return fromRight;
      }
      return all(keys, shufflePartitions);
    }

    /** The key pairs a side's hash partitioning covers, when every key it hashes is one of the side's join keys. */
    private static Placement existing(Distribution distribution, List<Expression> sideKeys) {
      if (!(distribution instanceof Distribution.Hashed hashed)) {
        return null;
      }
      List<Expression> canonicalKeys = Distribution.canonical(sideKeys);
      for (List<Expression> keySet : hashed.keySets()) {
        List<Integer> indexes = new ArrayList<>();
        for (Expression key : keySet) {
          int index = canonicalKeys.indexOf(key);
          if (index < 0 || indexes.contains(index)) {
            indexes = null;
            break;
          }
          indexes.add(index);
        }
        if (indexes != null) {
          return new Placement(indexes, hashed.partitionCount());
        }
      }
      return null;
    }

    List<Expression> select(List<Expression> keys) {
      List<Expression> selected = new ArrayList<>(indexes.size());
      for (int index : indexes) {
        selected.add(keys.get(index));
      }
      return java.util.Collections.unmodifiableList(selected);
    }
  }

  /** The side hash-partitioned by {@code keys}: as it is when it already is, else under an exchange. */
  private static PhysicalPlan hashed(Planned side, List<Expression> keys, int partitionCount) {
    if (side.distribution().isHashedBy(keys, partitionCount)) {
      return side.plan();
    }
    return new ExchangeExec(side.plan(), new Partitioning.Hash(Binder.bindAll(keys, side.output()), partitionCount));
  }

  private static Planned nestedLoop(Join join, JoinType type, Planned left, Planned right) {
    List<AttributeReference> output = join.output();
    Expression condition = bindOrNull(join.condition(), concat(left.output(), right.output()));
    return switch (type) {
      case INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> {
        ExchangeExec broadcast = new ExchangeExec(right.plan(), new Partitioning.Broadcast());
        yield new Planned(new NestedLoopJoinExec(left.plan(), broadcast, type, condition, Binder.schema(output)),
            output, left.distribution().keptBy(output));
      }
      case RIGHT_OUTER, FULL_OUTER -> new Planned(
          new NestedLoopJoinExec(single(left), single(right), type, condition, Binder.schema(output)),
          output, Distribution.SINGLE);
    };
  }

  private static PhysicalPlan single(Planned side) {
    return side.distribution() instanceof Distribution.Single
        ? side.plan()
        : new ExchangeExec(side.plan(), new Partitioning.Single());
  }

  /** A cross join with equi-keys is an inner join. */
  private static JoinType hashJoinType(JoinType type) {
    return type == JoinType.CROSS ? JoinType.INNER : type;
  }

  private static Expression bindOrNull(Expression condition, List<AttributeReference> input) {
    return condition == null ? null : Binder.bind(condition, input);
  }

  private static List<AttributeReference> concat(List<AttributeReference> left, List<AttributeReference> right) {
    List<AttributeReference> all = new ArrayList<>(left);
    all.addAll(right);
    return all;
  }
}
