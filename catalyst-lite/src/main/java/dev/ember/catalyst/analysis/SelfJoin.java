package dev.ember.catalyst.analysis;

import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The two sides of a join with disjoint attribute ids. When the right side outputs ids the left
 * also outputs (a self-join), the right gets a projection that re-aliases those columns with fresh
 * ids (keeping their names and, when the side had one alias, its qualifier), and the shared ids are
 * remembered as ambiguous for columns bound to a DataFrame.
 */
record SelfJoin(LogicalPlan right, Set<Long> ambiguousIds) {

  static SelfJoin separate(LogicalPlan left, LogicalPlan right) {
    Objects.requireNonNull(left, "left is null");
    Objects.requireNonNull(right, "right is null");
    Set<Long> leftIds = new HashSet<>();
    left.output().forEach(attribute -> leftIds.add(attribute.id()));
    Set<Long> shared = new HashSet<>();
    for (AttributeReference attribute : right.output()) {
      if (leftIds.contains(attribute.id())) {
        shared.add(attribute.id());
      }
    }
    if (shared.isEmpty()) {
      return new SelfJoin(right, Set.of());
    }
    List<Expression> projectList = new ArrayList<>();
    Set<String> qualifiers = new HashSet<>();
    for (AttributeReference attribute : right.output()) {
      qualifiers.add(attribute.qualifier());
      projectList.add(shared.contains(attribute.id())
          ? new Alias(attribute, attribute.name(), ExpressionIds.next())
          : attribute);
    }
    LogicalPlan renamed = new Project(projectList, right);
    if (qualifiers.size() == 1 && !qualifiers.iterator().next().isEmpty()) {
      renamed = new SubqueryAlias(qualifiers.iterator().next(), renamed);
    }
    return new SelfJoin(renamed, shared);
  }
}
