package dev.ember.catalyst.plan;

import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** Computes a list of named expressions: each is an {@link AttributeReference} or an {@link Alias}. */
public record Project(List<Expression> projectList, LogicalPlan child) implements LogicalPlan {
  // Written out, not generated: a record's equals and hashCode run through method handles, and the
  // optimizer compares a plan a rule rewrote with the one before, mostly interpreted in a young JVM.
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Project that
        && Objects.equals(projectList, that.projectList)
        && Objects.equals(child, that.child);
  }

  @Override
  public int hashCode() {
    int hash = Objects.hashCode(projectList);
    hash = 31 * hash + Objects.hashCode(child);
    return hash;
  }

  public Project {
    projectList = List.copyOf(Objects.requireNonNull(projectList, "projectList is null"));
    Objects.requireNonNull(child, "child is null");
    for (Expression expression : projectList) {
      if (!(expression instanceof AttributeReference) && !(expression instanceof Alias)) {
        throw new IllegalArgumentException("a projection needs named expressions, got " + expression);
      }
    }
  }

  /** The attribute a named expression defines. */
  public static AttributeReference toAttribute(Expression named) {
    // Only these two kinds name a column; the constructor refuses any other in a projection.
    if (named instanceof AttributeReference attribute) {
      return attribute;
    }
    if (named instanceof Alias alias) {
      return alias.toAttribute();
    }
    throw new IllegalArgumentException("not a named expression: " + named);
  }

  @Override
  public List<AttributeReference> output() {
    // A loop, not a stream: the optimizer asks for outputs many times per action, mostly interpreted in a young JVM.
    List<AttributeReference> output = new ArrayList<>(projectList.size());
    for (Expression expression : projectList) {
      output.add(toAttribute(expression));
    }
    return Collections.unmodifiableList(output);
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return new Project(projectList, children.get(0));
  }
}
