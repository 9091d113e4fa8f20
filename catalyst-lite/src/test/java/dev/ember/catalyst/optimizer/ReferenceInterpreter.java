package dev.ember.catalyst.optimizer;

import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A row-at-a-time reading of a logical plan, for checking that rewrites keep results: scalar
 * expressions run through the engine's compiler on batches built from the rows, everything else
 * (joins of every type, aggregates with count and sum, unions, distinct) is plain Java.
 * Sort, repartition and subquery aliases keep the rows (results are compared as multisets).
 */
final class ReferenceInterpreter {
  private ReferenceInterpreter() {}

  static List<List<Object>> run(LogicalPlan plan) {
    return switch (plan) {
      case LocalRelation local -> {
        List<List<Object>> rows = new ArrayList<>();
        local.partitions().forEach(batch -> rows.addAll(batch.rows()));
        yield rows;
      }
      case RangeRelation range -> throw new UnsupportedOperationException("range");
      case InMemoryRelation cached -> {
        // A pruned relation outputs some of the cached plan's columns.
        List<Integer> positions = cached.columnPositions();
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : run(cached.cachedPlan())) {
          List<Object> kept = new ArrayList<>(positions.size());
          positions.forEach(position -> kept.add(row.get(position)));
          rows.add(kept);
        }
        yield rows;
      }
      case CsvRelation csv -> throw new UnsupportedOperationException("csv");
      case Filter filter -> {
        List<List<Object>> input = run(filter.child());
        List<Object> keep = evaluate(filter.condition(), filter.child().output(), input);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
          if (Boolean.TRUE.equals(keep.get(i))) {
            rows.add(input.get(i));
          }
        }
        yield rows;
      }
      case Project project -> {
        List<List<Object>> input = run(project.child());
        List<List<Object>> columns = new ArrayList<>();
        for (Expression expression : project.projectList()) {
          columns.add(evaluate(expression, project.child().output(), input));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
          List<Object> row = new ArrayList<>();
          for (List<Object> column : columns) {
            row.add(column.get(i));
          }
          rows.add(row);
        }
        yield rows;
      }
      case Join join -> join(join);
      case Aggregate aggregate -> aggregate(aggregate);
      case Union union -> {
        List<List<Object>> rows = new ArrayList<>();
        union.children().forEach(child -> rows.addAll(run(child)));
        yield rows;
      }
      case Distinct distinct -> new ArrayList<>(new LinkedHashSet<>(run(distinct.child())));
      case Sort sort -> run(sort.child());
      case Limit limit -> throw new UnsupportedOperationException("limit picks arbitrary rows");
      case Repartition repartition -> run(repartition.child());
      case SubqueryAlias alias -> run(alias.child());
      case ReplicateRows replicate -> {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : run(replicate.child())) {
          Object count = row.get(0);
          for (long copy = 0; count != null && copy < (Long) count; copy++) {
            rows.add(new ArrayList<>(row.subList(1, row.size())));
          }
        }
        yield rows;
      }
    };
  }

  private static List<List<Object>> join(Join join) {
    List<List<Object>> left = run(join.left());
    List<List<Object>> right = run(join.right());
    int leftWidth = join.left().output().size();
    int rightWidth = join.right().output().size();
    List<AttributeReference> both = new ArrayList<>(join.left().output());
    both.addAll(join.right().output());
    List<List<Object>> pairs = new ArrayList<>();
    for (List<Object> l : left) {
      for (List<Object> r : right) {
        List<Object> pair = new ArrayList<>(l);
        pair.addAll(r);
        pairs.add(pair);
      }
    }
    List<Object> matches = join.condition() == null ? null : evaluate(join.condition(), both, pairs);
    boolean[] leftMatched = new boolean[left.size()];
    boolean[] rightMatched = new boolean[right.size()];
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      if (matches == null || Boolean.TRUE.equals(matches.get(i))) {
        int l = i / Math.max(1, right.size());
        int r = i % Math.max(1, right.size());
        leftMatched[l] = true;
        rightMatched[r] = true;
        if (join.joinType().outputsRight()) {
          rows.add(pairs.get(i));
        }
      }
    }
    switch (join.joinType()) {
      case INNER, CROSS -> { }
      case LEFT_OUTER, FULL_OUTER, RIGHT_OUTER -> {
        if (join.joinType() != dev.ember.core.plan.JoinType.RIGHT_OUTER) {
          for (int l = 0; l < left.size(); l++) {
            if (!leftMatched[l]) {
              List<Object> row = new ArrayList<>(left.get(l));
              row.addAll(Arrays.asList(new Object[rightWidth]));
              rows.add(row);
            }
          }
        }
        if (join.joinType() != dev.ember.core.plan.JoinType.LEFT_OUTER) {
          for (int r = 0; r < right.size(); r++) {
            if (!rightMatched[r]) {
              List<Object> row = new ArrayList<>(Arrays.asList(new Object[leftWidth]));
              row.addAll(right.get(r));
              rows.add(row);
            }
          }
        }
      }
      case LEFT_SEMI, LEFT_ANTI -> {
        boolean semi = join.joinType() == dev.ember.core.plan.JoinType.LEFT_SEMI;
        for (int l = 0; l < left.size(); l++) {
          if (leftMatched[l] == semi) {
            rows.add(left.get(l));
          }
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> aggregate(Aggregate aggregate) {
    List<List<Object>> input = run(aggregate.child());
    List<AttributeReference> inputOutput = aggregate.child().output();
    List<List<Object>> keys = new ArrayList<>();
    for (Expression grouping : aggregate.groupings()) {
      keys.add(evaluate(grouping, inputOutput, input));
    }
    Map<List<Object>, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < input.size(); i++) {
      List<Object> key = new ArrayList<>();
      for (List<Object> column : keys) {
        key.add(column.get(i));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    if (aggregate.groupings().isEmpty() && groups.isEmpty()) {
      groups.put(List.of(), List.of());
    }
    List<List<List<Object>>> arguments = new ArrayList<>();
    for (NamedAggregate named : aggregate.aggregates()) {
      List<List<Object>> values = new ArrayList<>();
      for (Expression argument : named.function().arguments()) {
        values.add(evaluate(argument, inputOutput, input));
      }
      arguments.add(values);
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Integer>> group : groups.entrySet()) {
      List<Object> row = new ArrayList<>(group.getKey());
      for (int a = 0; a < aggregate.aggregates().size(); a++) {
        NamedAggregate named = aggregate.aggregates().get(a);
        List<List<Object>> values = arguments.get(a);
        row.add(switch (named.function().kind()) {
          case COUNT_ROWS -> (long) group.getValue().size();
          case SUM -> {
            Long sum = null;
            for (int i : group.getValue()) {
              Object value = values.get(0).get(i);
              if (value != null) {
                sum = (sum == null ? 0 : sum) + ((Number) value).longValue();
              }
            }
            yield sum;
          }
          default -> throw new UnsupportedOperationException(named.function().kind().toString());
        });
      }
      rows.add(row);
    }
    return rows;
  }

  /** The expression's value for each row, computed by the engine on one batch of the rows. */
  static List<Object> evaluate(Expression expression, List<AttributeReference> input, List<List<Object>> rows) {
    Expression bound = Expressions.transformUp(expression, node -> {
      if (node instanceof AttributeReference attribute) {
        for (int i = 0; i < input.size(); i++) {
          if (input.get(i).id() == attribute.id()) {
            return new BoundReference(i, input.get(i).type(), true);
          }
        }
        throw new IllegalStateException(attribute + " is not in " + input);
      }
      return node instanceof Alias alias ? alias.child() : node;
    });
    Schema schema = new Schema(input.stream().map(a -> Field.of(a.name(), a.type())).toList());
    ColumnVector column = ExpressionCompiler.compile(bound).evaluate(Batch.fromRows(schema, rows));
    List<Object> values = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      values.add(column.getObject(i));
    }
    Objects.requireNonNull(values);
    return values;
  }
}
