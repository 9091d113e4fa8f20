package dev.ember.core.types;

import java.util.Objects;

/** One named, typed column of a schema. */
public record Field(String name, ColumnType type, boolean nullable) {
  public Field {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
  }

  public static Field of(String name, ColumnType type) {
    return new Field(name, type, true);
  }
}
