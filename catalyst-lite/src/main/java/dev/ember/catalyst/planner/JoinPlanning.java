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
 *   <li>equi-join keys: a shuffled hash join, each side hash-partitioned on its keys unless it
 *       already is;
 *   <li>no keys: a nested-loop join against a broadcast right side, or, for RIGHT_OUTER and
 *       FULL_OUTER, with both sides in one partition.
 * </ul>
 */
final class JoinPlanning {
  private JoinPlanning() {}

  static Planned plan(Join join, Planned left, Planned right, PlannerSettings settings) {
    int shufflePartitions = settings.shufflePartitions();
    JoinType type = join.joinType();
    JoinKeys keys = JoinKeys.extract(join.condition(), left.output(), right.output());
    boolean buildRight = join.broadcastRight() && broadcastsRight(type);
    boolean buildLeft = !buildRight && join.broadcastLeft() && broadcastsLeft(type);
    if (!buildRight && !buildLeft && (keys.isEquiJoin() || type == JoinType.RIGHT_OUTER)) {
      // Without a hint, a side small enough is broadcast; of two, the smaller (Spark's choice).
      long leftSize = SizeEstimation.sizeInBytes(join.left());
      long rightSize = SizeEstimation.sizeInBytes(join.right());
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
      return shuffledHashJoin(join, type, left, right, keys, shufflePartitions);
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

  private static Planned shuffledHashJoin(
      Join join, JoinType type, Planned left, Planned right, JoinKeys keys, int shufflePartitions) {
    List<AttributeReference> output = join.output();
    boolean bothSingle = left.distribution() instanceof Distribution.Single
        && right.distribution() instanceof Distribution.Single;
    PhysicalPlan leftPlan = bothSingle ? left.plan() : hashed(left, keys.leftKeys(), shufflePartitions);
    PhysicalPlan rightPlan = bothSingle ? right.plan() : hashed(right, keys.rightKeys(), shufflePartitions);
    HashJoinExec plan = new HashJoinExec(leftPlan, rightPlan, hashJoinType(type),
        Binder.bindAll(keys.leftKeys(), left.output()), Binder.bindAll(keys.rightKeys(), right.output()),
        bindOrNull(keys.residualCondition(), concat(left.output(), right.output())), Binder.schema(output));
    Distribution distribution;
    if (bothSingle) {
      distribution = Distribution.SINGLE;
    } else {
      distribution = switch (type) {
        // Unmatched rows of the right side sit in their own partition with null left keys.
        case RIGHT_OUTER, FULL_OUTER -> Distribution.UNKNOWN;
        case INNER, CROSS, LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> Distribution.hashed(keys.leftKeys(), shufflePartitions);
      };
    }
    return new Planned(plan, output, distribution);
  }

  /** The side hash-partitioned by {@code keys}: as it is when it already is, else under an exchange. */
  private static PhysicalPlan hashed(Planned side, List<Expression> keys, int shufflePartitions) {
    if (side.distribution().isHashedBy(keys, shufflePartitions)) {
      return side.plan();
    }
    return new ExchangeExec(side.plan(), new Partitioning.Hash(Binder.bindAll(keys, side.output()), shufflePartitions));
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
