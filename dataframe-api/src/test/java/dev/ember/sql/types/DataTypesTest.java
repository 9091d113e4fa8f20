package dev.ember.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTypesTest {
  @Test
  void atomicTypesHaveSparkNames() {
    assertThat(List.of(DataTypes.BooleanType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType,
        DataTypes.StringType, DataTypes.DateType, DataTypes.TimestampType))
        .extracting(DataType::typeName)
        .containsExactly("boolean", "integer", "long", "double", "string", "date", "timestamp");
    assertThat(List.of(DataTypes.BooleanType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType,
        DataTypes.StringType, DataTypes.DateType, DataTypes.TimestampType))
        .extracting(DataType::simpleString)
        .containsExactly("boolean", "int", "bigint", "double", "string", "date", "timestamp");
    assertThat(DataTypes.LongType.sql()).isEqualTo("BIGINT");
    assertThat(DataTypes.IntegerType.toString()).isEqualTo("IntegerType");
    assertThat(DataTypes.StringType).isSameAs(StringType.INSTANCE);
  }

  @Test
  void decimalIsNotSupportedYet() {
    assertThatThrownBy(() -> DataTypes.createDecimalType(10, 2))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("DECIMAL arrives with SQL support")
        .hasMessageContaining("DECIMAL(10,2)");
  }

  @Test
  void structFieldsAndTypesAreValues() {
    StructField field = DataTypes.createStructField("a", DataTypes.IntegerType, true);
    assertThat(field).isEqualTo(new StructField("a", DataTypes.IntegerType, true));
    assertThat(field).isNotEqualTo(new StructField("a", DataTypes.IntegerType, false));
    assertThat(field).isNotEqualTo(new StructField("a", DataTypes.LongType, true));
    assertThat(field.toString()).isEqualTo("StructField(a,IntegerType,true)");
    StructType struct = DataTypes.createStructType(List.of(field));
    assertThat(struct).isEqualTo(new StructType().add("a", DataTypes.IntegerType));
    assertThat(struct.hashCode()).isEqualTo(new StructType().add("a", DataTypes.IntegerType).hashCode());
  }

  @Test
  void fromDdlTypeNameIsCaseInsensitive() {
    assertThat(DataTypes.fromDDLTypeName("Integer")).isSameAs(DataTypes.IntegerType);
    assertThat(DataTypes.fromDDLTypeName(" long ")).isSameAs(DataTypes.LongType);
    assertThatThrownBy(() -> DataTypes.fromDDLTypeName("float"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("FLOAT")
        .hasMessageContaining("BIGINT/LONG");
  }
}
