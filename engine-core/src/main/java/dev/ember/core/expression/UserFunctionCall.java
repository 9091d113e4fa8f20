package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A call of a user-defined Java function on its arguments (Spark's ScalaUDF for a Java UDF). The
 * arguments reach the function as Java objects of their columns' types, nulls included (Java UDFs
 * do not skip null input); the result may be null whatever the arguments. Never folded into a
 * literal by the optimizer (the function runs on executors, not while a plan is optimized), and
 * deterministic only when the function was not marked non-deterministic.
 */
public record UserFunctionCall(UserFunction function, List<Expression> children) implements Expression {
  public UserFunctionCall {
    Objects.requireNonNull(function, "function is null");
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    if (children.size() != function.arity()) {
      throw new IllegalArgumentException("user defined function `" + function.name() + "` takes " + function.arity()
          + " arguments, got " + children.size());
    }
  }

  @Override
  public ColumnType type() {
    return function.returnType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new UserFunctionCall(function, newChildren);
  }

  @Override
  public boolean deterministic() {
    return function.deterministic() && Expression.super.deterministic();
  }

  @Override
  public String toString() {
    return function.name() + "(" + String.join(", ", children.stream().map(Object::toString).toList()) + ")";
  }
}
