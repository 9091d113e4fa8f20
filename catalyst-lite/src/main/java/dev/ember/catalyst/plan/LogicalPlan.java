package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import java.util.List;

/**
 * A node of an analyzed logical plan: what to compute, with every column an
 * {@link AttributeReference} (a unique id, so self-joins stay unambiguous). Built by the
 * analyzer one DataFrame call at a time, rewritten by the optimizer, turned into a physical plan
 * by the planner. The DataFrame DSL and SQL produce the same nodes.
 */
public sealed interface LogicalPlan
    permits LocalRelation, RangeRelation, CsvRelation, Project, Filter, Aggregate, Join, Sort, Limit, Union,
        Distinct, Repartition, SubqueryAlias, InMemoryRelation, ReplicateRows {

  List<AttributeReference> output();

  List<LogicalPlan> children();

  LogicalPlan withChildren(List<LogicalPlan> children);
}
