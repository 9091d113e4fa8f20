package dev.ember.core.expression;

import dev.ember.core.types.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A column of a logical plan's output, known by a unique id (names can repeat, for example after a
 * self-join). The qualifier is the relation alias that may prefix the name, or "" for none.
 */
public record AttributeReference(String name, ColumnType type, boolean nullable, long id, String qualifier)
    implements Expression {
  // Written out, not generated: a record's equals and hashCode run through method handles (see ColumnType).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof AttributeReference that && id == that.id && nullable == that.nullable
        && name.equals(that.name) && type.equals(that.type) && qualifier.equals(that.qualifier);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(id) * 31 + name.hashCode()) * 31 + type.hashCode()) * 31 + qualifier.hashCode() + (nullable ? 1 : 0);
  }

  public AttributeReference {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(qualifier, "qualifier is null");
  }

  public AttributeReference withQualifier(String newQualifier) {
    return new AttributeReference(name, type, nullable, id, newQualifier);
  }

  public AttributeReference withNullable(boolean newNullable) {
    return new AttributeReference(name, type, newNullable, id, qualifier);
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public String toString() {
    return name + "#" + id;
  }
}
