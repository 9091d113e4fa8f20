package dev.ember.sql.optimizer;

import java.util.Objects;

/**
 * A column a generated expression may use: {@code reference} is what {@code col(...)} takes
 * ({@code "a"} or, on one side of a join, {@code "L3.a"}), {@code name} is the column's name.
 */
record Field(String reference, String name, ValueType type) {
  Field {
    Objects.requireNonNull(reference, "reference is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
  }

  static Field of(String name, ValueType type) {
    return new Field(name, name, type);
  }

  Field qualified(String qualifier) {
    return new Field(qualifier + "." + name, name, type);
  }
}
