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
  void decimalIsTheClearUnsupportedError() {
    assertThatThrownBy(() -> StructType.fromDDL("price DECIMAL(10,2)"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("DECIMAL arrives with SQL support");
  }
}
