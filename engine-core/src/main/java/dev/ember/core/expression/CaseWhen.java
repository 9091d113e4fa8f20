package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ... ELSE otherwise END}: the value of the first
 * condition that is true (null counts as not true). Values and otherwise share one type; a missing
 * ELSE is a null literal.
 */
public record CaseWhen(List<Expression> conditions, List<Expression> values, Expression otherwise)
    implements Expression {
  public CaseWhen {
    conditions = List.copyOf(Objects.requireNonNull(conditions, "conditions is null"));
    values = List.copyOf(Objects.requireNonNull(values, "values is null"));
    Objects.requireNonNull(otherwise, "otherwise is null");
    if (conditions.isEmpty() || conditions.size() != values.size()) {
      throw new IllegalArgumentException("CASE needs one value per condition and at least one condition");
    }
    for (Expression value : values) {
      if (!value.type().equals(otherwise.type())) {
        throw new IllegalArgumentException("CASE values must have one type: " + values + " else " + otherwise);
      }
    }
  }

  @Override
  public ColumnType type() {
    return otherwise.type();
  }

  @Override
  public boolean nullable() {
    return otherwise.nullable() || values.stream().anyMatch(Expression::nullable);
  }

  /** Conditions, then values, then otherwise. */
  @Override
  public List<Expression> children() {
    List<Expression> children = new ArrayList<>(conditions);
    children.addAll(values);
    children.add(otherwise);
    return children;
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    int branches = conditions.size();
    return new CaseWhen(
        children.subList(0, branches), children.subList(branches, 2 * branches), children.get(2 * branches));
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("CASE");
    for (int i = 0; i < conditions.size(); i++) {
      text.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(values.get(i));
    }
    return text.append(" ELSE ").append(otherwise).append(" END").toString();
  }
}
