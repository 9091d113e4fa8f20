package dev.ember.catalyst.planner;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.ReplicateRowsExec;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent checker of planned physical plans, for tests: every bound reference points into
 * its operator's input with the input's type, no attribute is left unbound, schemas agree with the
 * expressions that fill them, join keys pair up by type, and operators that need co-located
 * input get it (both join sides with the same partition count, or a broadcast / one partition).
 */
final class PhysicalPlanCheck {
  private PhysicalPlanCheck() {}

  static void verify(PhysicalPlan plan) {
    switch (plan) {
      case InMemoryScanExec scan -> require(!scan.partitions().isEmpty(), "scan without partitions");
      case RangeScanExec range -> { }
      case CsvScanExec csv -> { }
      case ShuffleReadExec read -> { }
      case BroadcastReadExec read -> { }
      case ProjectExec project -> {
        for (int i = 0; i < project.expressions().size(); i++) {
          Expression expression = project.expressions().get(i);
          bound(expression, project.child().schema(), plan);
          require(expression.type().equals(project.schema().type(i)), "column " + i + " of " + project.schema()
              + " is filled with a " + expression.type());
        }
      }
      case FilterExec filter -> {
        bound(filter.condition(), filter.child().schema(), plan);
        require(filter.condition().type().kind() == TypeKind.BOOLEAN, "non-boolean filter");
      }
      case HashAggregateExec aggregate -> {
        Schema input = aggregate.child().schema();
        aggregate.groupings().forEach(grouping -> bound(grouping, input, plan));
        for (AggregateFunction function : aggregate.aggregates()) {
          function.arguments().forEach(argument -> bound(argument, input, plan));
        }
        int expected = aggregate.groupings().size();
        for (AggregateFunction function : aggregate.aggregates()) {
          expected += aggregate.mode() == AggregateMode.PARTIAL ? function.stateTypes().size() : 1;
        }
        require(aggregate.schema().size() == expected, "aggregate schema " + aggregate.schema() + " has the wrong width");
        for (int i = 0; i < aggregate.groupings().size(); i++) {
          require(aggregate.groupings().get(i).type().equals(aggregate.schema().type(i)), "grouping " + i + " type");
        }
        if (aggregate.mode() != AggregateMode.PARTIAL) {
          for (int i = 0; i < aggregate.aggregates().size(); i++) {
            require(aggregate.aggregates().get(i).resultType().equals(aggregate.schema().type(aggregate.groupings().size() + i)),
                "aggregate " + i + " type");
          }
        }
        if (aggregate.mode() == AggregateMode.FINAL) {
          require(aggregate.child() instanceof ExchangeExec exchange
              && exchange.child() instanceof HashAggregateExec partial && partial.mode() == AggregateMode.PARTIAL,
              "a FINAL aggregate reads a PARTIAL one through an exchange");
        }
      }
      case SortMergeJoinExec join -> {
        keys(join.leftKeys(), join.rightKeys(), join.left().schema(), join.right().schema(), plan);
        if (join.condition() != null) {
          bound(join.condition(), join.left().schema().concat(join.right().schema()), plan);
        }
        require(PlanPartitions.count(join.left()) == PlanPartitions.count(join.right()), "join sides differ in partitions");
        schema(join.left().schema(), join.right().schema(), join.joinType(), join.schema());
      }
      case HashJoinExec join -> {
        keys(join.leftKeys(), join.rightKeys(), join.left().schema(), join.right().schema(), plan);
        if (join.condition() != null) {
          bound(join.condition(), join.left().schema().concat(join.right().schema()), plan);
        }
        boolean broadcast = join.right() instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Broadcast;
        if (broadcast) {
          require(join.joinType() != JoinType.RIGHT_OUTER && join.joinType() != JoinType.FULL_OUTER, "broadcast outer");
        } else {
          require(PlanPartitions.count(join.left()) == PlanPartitions.count(join.right()), "join sides differ in partitions");
        }
        schema(join.left().schema(), join.right().schema(), join.joinType(), join.schema());
      }
      case NestedLoopJoinExec join -> {
        if (join.condition() != null) {
          bound(join.condition(), join.left().schema().concat(join.right().schema()), plan);
        }
        boolean broadcast = join.right() instanceof ExchangeExec exchange && exchange.partitioning() instanceof Partitioning.Broadcast;
        require(broadcast || (PlanPartitions.count(join.left()) == 1 && PlanPartitions.count(join.right()) == 1),
            "a nested-loop join needs a broadcast right side or one partition on both sides");
        schema(join.left().schema(), join.right().schema(), join.joinType(), join.schema());
      }
      case SortExec sort -> sort.orders().forEach(order -> bound(order.child(), sort.child().schema(), plan));
      case ReplicateRowsExec replicate -> require(replicate.child().schema().type(0).kind() == TypeKind.LONG,
          "replicate rows without a BIGINT count");
      case LimitExec limit -> { }
      case UnionExec union -> {
        for (PhysicalPlan child : union.children()) {
          require(child.schema().types().equals(union.schema().types()), "union child types " + child.schema());
        }
      }
      case ExchangeExec exchange -> {
        switch (exchange.partitioning()) {
          case Partitioning.Hash hash -> hash.keys().forEach(key -> bound(key, exchange.child().schema(), plan));
          case Partitioning.Range range -> range.orders().stream().map(SortOrder::child)
              .forEach(key -> bound(key, exchange.child().schema(), plan));
          case Partitioning.RoundRobin roundRobin -> { }
          case Partitioning.Single single -> { }
          case Partitioning.Broadcast broadcast -> { }
        }
      }
      case CoalesceExec coalesce -> { }
      case CachedScanExec cached -> { }
    }
    for (PhysicalPlan child : plan.children()) {
      verify(child);
    }
  }

  private static void keys(List<Expression> left, List<Expression> right, Schema leftInput, Schema rightInput, PhysicalPlan plan) {
    for (int i = 0; i < left.size(); i++) {
      bound(left.get(i), leftInput, plan);
      bound(right.get(i), rightInput, plan);
      require(left.get(i).type().equals(right.get(i).type()), "join key " + i + " types differ");
    }
  }

  private static void schema(Schema left, Schema right, JoinType type, Schema schema) {
    List<ColumnType> expected = new ArrayList<>(left.types());
    if (type.outputsRight()) {
      expected.addAll(right.types());
    }
    require(schema.types().equals(expected), "join schema " + schema);
  }

  private static void bound(Expression expression, Schema input, PhysicalPlan plan) {
    require(!(expression instanceof AttributeReference), "unbound attribute " + expression + " in " + plan.getClass().getSimpleName());
    if (expression instanceof BoundReference reference) {
      require(reference.ordinal() < input.size(), "ordinal " + reference.ordinal() + " outside " + input);
      require(input.type(reference.ordinal()).equals(reference.type()),
          "ordinal " + reference.ordinal() + " is " + input.type(reference.ordinal()) + " not " + reference.type());
    }
    for (Expression child : expression.children()) {
      bound(child, input, plan);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
