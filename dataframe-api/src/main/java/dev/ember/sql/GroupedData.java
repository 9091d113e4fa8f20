package dev.ember.sql;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DataFrame grouped by some columns, waiting for its aggregates, as Spark's {@code
 * RelationalGroupedDataset}: {@code df.groupBy("k").agg(sum(col("v")), count(col("*")))}. The
 * output is the grouping columns, then the aggregates. Null is a group of its own.
 */
public final class GroupedData {
  private final DataFrame dataFrame;
  private final List<UnresolvedExpression> groupings;

  GroupedData(DataFrame dataFrame, List<UnresolvedExpression> groupings) {
    this.dataFrame = dataFrame;
    this.groupings = List.copyOf(groupings);
  }

  public DataFrame agg(Column aggregate, Column... aggregates) {
    List<UnresolvedExpression> all = new ArrayList<>(aggregates.length + 1);
    all.add(aggregate.expression());
    for (Column column : aggregates) {
      all.add(column.expression());
    }
    return aggregate(all);
  }

  /**
   * Aggregates given as column → function name ({@code avg mean sum min max count first}), as
   * Spark's {@code agg(Map)}; columns are named {@code avg(x)}.
   */
  public DataFrame agg(Map<String, String> aggregations) {
    List<UnresolvedExpression> all = new ArrayList<>(aggregations.size());
    aggregations.forEach((column, function) -> all.add(named(functionName(function), column)));
    return aggregate(all);
  }

  /** The number of rows of each group, in a LONG column {@code count}. */
  public DataFrame count() {
    return aggregate(List.of(new Named(new FunctionCall("count_star", List.of()), "count")));
  }

  /** {@code sum(x)} of the named numeric columns; with none, of every numeric non-grouping column. */
  public DataFrame sum(String... columnNames) {
    return numericAggregate("sum", columnNames);
  }

  public DataFrame avg(String... columnNames) {
    return numericAggregate("avg", columnNames);
  }

  public DataFrame mean(String... columnNames) {
    return numericAggregate("avg", columnNames);
  }

  public DataFrame min(String... columnNames) {
    return numericAggregate("min", columnNames);
  }

  public DataFrame max(String... columnNames) {
    return numericAggregate("max", columnNames);
  }

  private DataFrame numericAggregate(String function, String[] columnNames) {
    List<AttributeReference> output = dataFrame.logicalPlan().output();
    List<UnresolvedExpression> aggregates = new ArrayList<>();
    if (columnNames.length == 0) {
      for (AttributeReference attribute : output) {
        if (attribute.type().isNumeric() && !isGrouping(attribute)) {
          aggregates.add(named(function, attribute.name()));
        }
      }
    } else {
      for (String name : columnNames) {
        AttributeReference attribute = find(output, name);
        if (attribute == null) {
          // unknown: the analyzer reports it with the available columns
          aggregates.add(named(function, name));
        } else if (!attribute.type().isNumeric()) {
          throw new AnalysisException(
              "\"" + name + "\" is not a numeric column. Aggregation function can only be applied on a numeric column.");
        } else {
          aggregates.add(named(function, attribute.name()));
        }
      }
    }
    return aggregate(aggregates);
  }

  private static UnresolvedExpression named(String function, String column) {
    if (function.equals("count") && column.equals("*")) {
      return new Named(new FunctionCall("count_star", List.of()), "count(1)");
    }
    return new Named(new FunctionCall(function, List.of(new ColumnName(column))), function + "(" + column + ")");
  }

  private static String functionName(String function) {
    String lower = function.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "avg", "mean" -> "avg";
      case "sum", "min", "max", "count", "first" -> lower;
      default -> throw new AnalysisException(
          "[UNRESOLVED_ROUTINE] Cannot resolve function `" + function + "` in agg(Map); accepted: avg, mean, sum,"
              + " min, max, count, first.");
    };
  }

  private boolean isGrouping(AttributeReference attribute) {
    for (UnresolvedExpression grouping : groupings) {
      if (grouping instanceof BoundColumn bound && bound.attribute().id() == attribute.id()) {
        return true;
      }
      if (grouping instanceof ColumnName name && name.name().equalsIgnoreCase(attribute.name())) {
        return true;
      }
    }
    return false;
  }

  private static AttributeReference find(List<AttributeReference> output, String name) {
    for (AttributeReference attribute : output) {
      if (attribute.name().equalsIgnoreCase(name)) {
        return attribute;
      }
    }
    return null;
  }

  private DataFrame aggregate(List<UnresolvedExpression> aggregates) {
    return dataFrame.derive(() -> dataFrame.session().analyzer().aggregate(dataFrame.logicalPlan(), groupings, aggregates));
  }
}
