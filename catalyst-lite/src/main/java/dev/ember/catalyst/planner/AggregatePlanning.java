package dev.ember.catalyst.planner;

import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a grouped aggregate. Usually in two phases: a PARTIAL aggregate per input partition, a
 * hash exchange on the grouping columns (a single partition without groupings), a FINAL aggregate
 * of the partial states. Count distinct has no partial state: its rows are shuffled raw and
 * aggregated once (COMPLETE). An input that already holds each group in one partition (one
 * partition, or hashed on grouping columns) is aggregated at once, without an exchange.
 */
final class AggregatePlanning {
  private AggregatePlanning() {}

  static Planned plan(List<Expression> groupings, List<NamedAggregate> aggregates, Planned child,
      List<AttributeReference> output, int shufflePartitions) {
    // Loops, not streams: the planner runs on every action, mostly interpreted in a young JVM.
    List<Expression> groupingValues = new ArrayList<>(groupings.size());
    List<AttributeReference> groupingAttributes = new ArrayList<>(groupings.size());
    for (Expression grouping : groupings) {
      groupingValues.add(grouping instanceof Alias alias ? alias.child() : grouping);
      groupingAttributes.add(Project.toAttribute(grouping));
    }
    List<Expression> boundGroupings = Binder.bindAll(groupingValues, child.output());
    List<AggregateFunction> functions = new ArrayList<>(aggregates.size());
    boolean allPartial = true;
    for (NamedAggregate aggregate : aggregates) {
      AggregateFunction function = Binder.bind(aggregate.function(), child.output());
      functions.add(function);
      allPartial &= function.hasPartialState();
    }
    Schema finalSchema = Binder.schema(output);
    Distribution groupedOutput = groupings.isEmpty()
        ? Distribution.SINGLE
        : Distribution.hashed(new ArrayList<>(groupingAttributes), shufflePartitions);

    Distribution existing = clusteredBy(child.distribution(), groupingValues, groupingAttributes);
    if (existing != null) {
      HashAggregateExec complete = new HashAggregateExec(child.plan(), AggregateMode.COMPLETE, boundGroupings, functions, finalSchema);
      return new Planned(complete, output, existing);
    }
    Partitioning partitioning = groupings.isEmpty()
        ? new Partitioning.Single()
        : new Partitioning.Hash(boundGroupings, shufflePartitions);
    if (!allPartial) {
      ExchangeExec exchange = new ExchangeExec(child.plan(), partitioning);
      HashAggregateExec complete = new HashAggregateExec(exchange, AggregateMode.COMPLETE, boundGroupings, functions, finalSchema);
      return new Planned(complete, output, groupedOutput);
    }

    List<Field> partialFields = new ArrayList<>();
    List<Expression> finalGroupings = new ArrayList<>();
    for (int i = 0; i < groupings.size(); i++) {
      AttributeReference attribute = groupingAttributes.get(i);
      partialFields.add(new Field(attribute.name(), attribute.type(), attribute.nullable()));
      finalGroupings.add(new BoundReference(i, attribute.type(), attribute.nullable()));
    }
    List<AggregateFunction> finalFunctions = new ArrayList<>();
    for (int i = 0; i < aggregates.size(); i++) {
      AggregateFunction function = functions.get(i);
      List<ColumnType> states = function.stateTypes();
      List<String> stateNames = stateNames(aggregates.get(i), states.size());
      int firstState = partialFields.size();
      for (int s = 0; s < states.size(); s++) {
        partialFields.add(new Field(stateNames.get(s), states.get(s), true));
      }
      // The FINAL phase reads the states: its arguments point at the first state column.
      finalFunctions.add(function.withArguments(function.arguments().isEmpty()
          ? List.of()
          : List.of(new BoundReference(firstState, states.get(0), true))));
    }
    Schema partialSchema = new Schema(partialFields);
    HashAggregateExec partial = new HashAggregateExec(child.plan(), AggregateMode.PARTIAL, boundGroupings, functions, partialSchema);
    Partitioning finalPartitioning = groupings.isEmpty()
        ? new Partitioning.Single()
        : new Partitioning.Hash(finalGroupings, shufflePartitions);
    ExchangeExec exchange = new ExchangeExec(partial, finalPartitioning);
    HashAggregateExec finalAggregate = new HashAggregateExec(exchange, AggregateMode.FINAL, finalGroupings, finalFunctions, finalSchema);
    return new Planned(finalAggregate, output, groupedOutput);
  }

  /**
   * The output distribution when the input already keeps each group in one partition, or null:
   * one partition, or a hash on keys that are all grouping values (equal groups have equal keys).
   * The output is hashed by the grouping attributes of every such key set.
   */
  private static Distribution clusteredBy(Distribution input, List<Expression> groupingValues, List<AttributeReference> groupingAttributes) {
    return switch (input) {
      case Distribution.Single single -> Distribution.SINGLE;
      case Distribution.Unknown unknown -> null;
      case Distribution.Hashed hashed -> {
        if (groupingValues.isEmpty()) {
          yield null;
        }
        List<Expression> canonicalValues = Distribution.canonical(groupingValues);
        List<List<Expression>> outputKeySets = new ArrayList<>();
        for (List<Expression> keys : hashed.keySets()) {
          List<Expression> outputKeys = new ArrayList<>();
          for (Expression key : keys) {
            int index = canonicalValues.indexOf(key);
            if (index < 0) {
              outputKeys = null;
              break;
            }
            outputKeys.add(groupingAttributes.get(index));
          }
          if (outputKeys != null) {
            outputKeySets.add(outputKeys);
          }
        }
        yield outputKeySets.isEmpty() ? null : Distribution.hashedByAny(outputKeySets, hashed.partitionCount());
      }
    };
  }

  private static List<String> stateNames(NamedAggregate aggregate, int count) {
    if (count == 1) {
      return List.of(aggregate.name());
    }
    List<String> suffixes = switch (aggregate.function().kind()) {
      case AVG -> List.of("sum", "count");
      case FIRST, SINGLE_VALUE -> List.of("value", "seen");
      case SUM -> List.of("sum", "isEmpty");
      case COUNT_ROWS, COUNT, COUNT_DISTINCT, MIN, MAX -> List.of();
    };
    List<String> names = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      names.add(aggregate.name() + "." + (i < suffixes.size() ? suffixes.get(i) : "state" + i));
    }
    return names;
  }
}
