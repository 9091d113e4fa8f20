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
  void decimalTypesAreValuesWithSparksNames() {
    DecimalType money = DataTypes.createDecimalType(15, 2);
    assertThat(money).isEqualTo(new DecimalType(15, 2)).hasSameHashCodeAs(new DecimalType(15, 2));
    assertThat(money).isNotEqualTo(DataTypes.createDecimalType(15, 3));
    assertThat(money.precision()).isEqualTo(15);
    assertThat(money.scale()).isEqualTo(2);
    assertThat(money.simpleString()).isEqualTo("decimal(15,2)");
    assertThat(money.sql()).isEqualTo("DECIMAL(15,2)");
    assertThat(money.toString()).isEqualTo("DecimalType(15,2)");
    assertThat(DataTypes.createDecimalType()).isEqualTo(new DecimalType(10, 0));
    assertThatThrownBy(() -> DataTypes.createDecimalType(39, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precision 39");
    assertThatThrownBy(() -> DataTypes.createDecimalType(0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precision 0");
    assertThatThrownBy(() -> DataTypes.createDecimalType(5, 6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale 6");
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
