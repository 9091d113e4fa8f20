package dev.ember.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DdlParserTest {
  @Test
  void parsesEveryTypeNameCaseInsensitively() {
    StructType schema = StructType.fromDDL(
        "a boolean, b INT, c integer, d BIGINT, e long, f Double, g STRING, h date, i TimeStamp");
    assertThat(schema.fieldNames()).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
    assertThat(schema.fields()).extracting(StructField::dataType).containsExactly(
        DataTypes.BooleanType, DataTypes.IntegerType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.LongType,
        DataTypes.DoubleType, DataTypes.StringType, DataTypes.DateType, DataTypes.TimestampType);
    assertThat(schema.fields()).allMatch(StructField::nullable);
  }

  @Test
  void parsesNotNullColonsQuotedNamesAndComments() {
    StructType schema = StructType.fromDDL(" a INT NOT NULL ,`b c` : string COMMENT 'the b', `x``y` date not null ");
    assertThat(schema).isEqualTo(new StructType()
        .add("a", DataTypes.IntegerType, false)
        .add("b c", DataTypes.StringType, true)
        .add("x`y", DataTypes.DateType, false));
  }

  @Test
  void emptyDdlIsTheEmptySchema() {
    assertThat(StructType.fromDDL("  ").length()).isZero();
  }

  @Test
  void syntaxErrorsNameThePosition() {
    assertThatThrownBy(() -> StructType.fromDDL("a INT b STRING"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("position 6")
        .hasMessageContaining("'b STRING'")
        .hasMessageContaining("expected ','")
        .extracting(e -> ((DataTypeParseException) e).position()).isEqualTo(6);
    assertThatThrownBy(() -> StructType.fromDDL("a INT,"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("end of input")
        .hasMessageContaining("expected a column name");
    assertThatThrownBy(() -> StructType.fromDDL("a"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("expected a type name");
    assertThatThrownBy(() -> StructType.fromDDL("a INT NOT"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("NULL after NOT");
    assertThatThrownBy(() -> StructType.fromDDL("`a INT"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("position 0");
  }

  @Test
  void unknownTypesAreNamedWithTheirPosition() {
    assertThatThrownBy(() -> StructType.fromDDL("a INT, b VARCHAR"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("Unsupported data type \"VARCHAR\" at position 9")
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalTakesPrecisionAndScaleAsInSpark() {
    StructType schema = StructType.fromDDL("price DECIMAL(10,2), plain decimal, digits NUMERIC(5), wide dec(38, 38)");
    assertThat(schema.fields()[0].dataType()).isEqualTo(DataTypes.createDecimalType(10, 2));
    assertThat(schema.fields()[1].dataType()).isEqualTo(DataTypes.createDecimalType(10, 0));
    assertThat(schema.fields()[2].dataType()).isEqualTo(DataTypes.createDecimalType(5, 0));
    assertThat(schema.fields()[3].dataType()).isEqualTo(DataTypes.createDecimalType(38, 38));
    assertThat(schema.simpleString()).isEqualTo("struct<price:decimal(10,2),plain:decimal(10,0),digits:decimal(5,0),wide:decimal(38,38)>");
    assertThatThrownBy(() -> StructType.fromDDL("price DECIMAL(39,2)"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("decimal precision 39 must be between 1 and 38");
    assertThatThrownBy(() -> StructType.fromDDL("price DECIMAL(5,6)"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("decimal scale 6 must be between 0 and the precision 5");
    assertThatThrownBy(() -> StructType.fromDDL("price DECIMAL(5,)"))
        .isInstanceOf(DataTypeParseException.class)
        .hasMessageContaining("expected a decimal scale");
  }
}
