package dev.ember.core.types;

import java.util.Objects;

/** One named, typed column of a schema. */
public record Field(String name, ColumnType type, boolean nullable) {
  // Written out, not generated: a record's equals and hashCode run through method handles (see ColumnType).
  @Override
  public boolean equals(Object other) {
    return this == other || other instanceof Field that && nullable == that.nullable && Objects.equals(name, that.name)
        && Objects.equals(type, that.type);
  }

  @Override
  public int hashCode() {
    return (Objects.hashCode(name) * 31 + Objects.hashCode(type)) * 31 + (nullable ? 1 : 0);
  }

  public Field {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
  }

  public static Field of(String name, ColumnType type) {
    return new Field(name, type, true);
  }
}
