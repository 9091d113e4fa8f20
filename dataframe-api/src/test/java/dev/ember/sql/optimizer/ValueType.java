package dev.ember.sql.optimizer;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** The column types the random programs use, with their DSL type names. */
enum ValueType {
  INT(DataTypes.IntegerType, "int"),
  LONG(DataTypes.LongType, "bigint"),
  DOUBLE(DataTypes.DoubleType, "double"),
  STRING(DataTypes.StringType, "string"),
  DATE(DataTypes.DateType, "date"),
  BOOLEAN(DataTypes.BooleanType, "boolean");

  static final List<ValueType> ALL = List.of(values());

  private final DataType dataType;
  private final String ddlName;

  ValueType(DataType dataType, String ddlName) {
    this.dataType = dataType;
    this.ddlName = ddlName;
  }

  DataType dataType() {
    return dataType;
  }

  /** The name {@code Column.cast(String)} takes. */
  String ddlName() {
    return ddlName;
  }

  boolean isNumeric() {
    return this == INT || this == LONG || this == DOUBLE;
  }

  /** The value type of a schema's data type. */
  static ValueType of(DataType dataType) {
    for (ValueType type : ALL) {
      if (type.dataType.equals(dataType)) {
        return type;
      }
    }
    throw new IllegalArgumentException("the random programs do not use the type " + dataType);
  }
}
