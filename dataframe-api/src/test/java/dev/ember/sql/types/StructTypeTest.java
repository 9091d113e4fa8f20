package dev.ember.sql.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StructTypeTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("name", DataTypes.StringType)
      .add("born", DataTypes.DateType);

  @Test
  void addReturnsANewStructType() {
    StructType empty = new StructType();
    StructType one = empty.add("a", DataTypes.IntegerType);
    assertThat(empty.length()).isZero();
    assertThat(one.length()).isEqualTo(1);
    assertThat(one.add("b", "string").fieldNames()).containsExactly("a", "b");
  }

  @Test
  void findsFieldsByExactName() {
    assertThat(SCHEMA.fieldIndex("name")).isEqualTo(1);
    assertThat(SCHEMA.apply("born").dataType()).isSameAs(DataTypes.DateType);
    assertThat(SCHEMA.fields()).hasSize(3);
    assertThatThrownBy(() -> SCHEMA.fieldIndex("Name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[FIELD_NOT_FOUND] No such struct field `Name` in id, name, born.");
  }

  @Test
  void fieldsArrayIsACopy() {
    StructField[] fields = SCHEMA.fields();
    fields[0] = null;
    assertThat(SCHEMA.fields()[0]).isNotNull();
  }

  @Test
  void treeStringIsSparks() {
    assertThat(SCHEMA.treeString()).isEqualTo(
        "root\n |-- id: long (nullable = false)\n |-- name: string (nullable = true)\n |-- born: date (nullable = true)\n");
  }

  @Test
  void renderings() {
    assertThat(SCHEMA.simpleString()).isEqualTo("struct<id:bigint,name:string,born:date>");
    assertThat(SCHEMA.toDDL()).isEqualTo("id BIGINT NOT NULL,name STRING,born DATE");
    assertThat(StructType.fromDDL(SCHEMA.toDDL())).isEqualTo(SCHEMA);
    assertThat(new StructType().add("a", DataTypes.IntegerType).toString())
        .isEqualTo("StructType(StructField(a,IntegerType,true))");
    assertThat(new StructType().add("odd name", DataTypes.IntegerType).toDDL()).isEqualTo("`odd name` INT");
  }
}
