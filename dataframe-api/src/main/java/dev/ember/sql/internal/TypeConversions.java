package dev.ember.sql.internal;

import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampType;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where the public types ({@link DataType}, {@link StructType}) meet the engine's
 * ({@link ColumnType}, {@link Schema}, plan attributes).
 */
public final class TypeConversions {
  private TypeConversions() {}

  public static ColumnType toColumnType(DataType type) {
    return switch (type) {
      case BooleanType ignored -> ColumnType.BOOLEAN;
      case IntegerType ignored -> ColumnType.INT;
      case LongType ignored -> ColumnType.LONG;
      case DoubleType ignored -> ColumnType.DOUBLE;
      case StringType ignored -> ColumnType.STRING;
      case DateType ignored -> ColumnType.DATE;
      case TimestampType ignored -> ColumnType.TIMESTAMP;
      case DecimalType decimal -> ColumnType.decimal(decimal.precision(), decimal.scale());
      case StructType ignored -> throw new IllegalArgumentException("nested struct columns are not supported: " + type.simpleString());
    };
  }

  public static DataType toDataType(ColumnType type) {
    return switch (type.kind()) {
      case BOOLEAN -> DataTypes.BooleanType;
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case DECIMAL -> DataTypes.createDecimalType(type.precision(), type.scale());
    };
  }

  public static Schema toSchema(StructType struct) {
    List<Field> fields = new ArrayList<>(struct.length());
    for (StructField field : struct) {
      fields.add(new Field(field.name(), toColumnType(field.dataType()), field.nullable()));
    }
    return new Schema(fields);
  }

  public static StructType toStructType(Schema schema) {
    StructField[] fields = new StructField[schema.size()];
    for (int i = 0; i < fields.length; i++) {
      Field field = schema.field(i);
      fields[i] = new StructField(field.name(), toDataType(field.type()), field.nullable());
    }
    return new StructType(fields);
  }

  /** The schema of a plan's output. */
  public static StructType toStructType(List<AttributeReference> attributes) {
    StructField[] fields = new StructField[attributes.size()];
    for (int i = 0; i < fields.length; i++) {
      AttributeReference attribute = attributes.get(i);
      fields[i] = new StructField(attribute.name(), toDataType(attribute.type()), attribute.nullable());
    }
    return new StructType(fields);
  }

  /** Fresh attributes (new ids) for the fields of a leaf relation. */
  public static List<AttributeReference> newAttributes(Schema schema, boolean forceNullable) {
    List<AttributeReference> attributes = new ArrayList<>(schema.size());
    for (Field field : schema.fields()) {
      attributes.add(new AttributeReference(
          field.name(), field.type(), forceNullable || field.nullable(), ExpressionIds.next(), ""));
    }
    return attributes;
  }
}
