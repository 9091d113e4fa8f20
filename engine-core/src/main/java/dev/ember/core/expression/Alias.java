package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/** Names an expression in a projection; the id is the id of the attribute it defines. */
public record Alias(Expression child, String name, long id) implements Expression {
  public Alias {
    Objects.requireNonNull(child, "child is null");
    Objects.requireNonNull(name, "name is null");
  }

  /** The attribute that refers to this alias's value above the projection that defines it. */
  public AttributeReference toAttribute() {
    return new AttributeReference(name, child.type(), child.nullable(), id, "");
  }

  @Override
  public ColumnType type() {
    return child.type();
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return new Alias(children.get(0), name, id);
  }

  @Override
  public String toString() {
    return child + " AS " + name + "#" + id;
  }
}
