package dev.ember.sql.optimizer;

import dev.ember.sql.Column;
import java.util.Objects;

/** A generated expression: the Column, the DSL text that builds it, and its value type. */
record GeneratedColumn(Column column, String text, ValueType type) {
  GeneratedColumn {
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(text, "text is null");
    Objects.requireNonNull(type, "type is null");
  }
}
