package dev.ember.catalyst.analysis;

import dev.ember.core.types.ColumnType;
import java.util.Locale;

/** Type names as Spark's error messages quote them: {@code "INT"}, {@code "BIGINT"}, {@code "STRING"}. */
final class TypeNames {
  private TypeNames() {}

  static String sql(ColumnType type) {
    return type.simpleString().toUpperCase(Locale.ROOT);
  }

  static String quoted(ColumnType type) {
    return "\"" + sql(type) + "\"";
  }
}
