package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Cast;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.StringLayouts;
import dev.ember.core.vector.StringVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Casts between STRING (UTF-8 bytes, plain or dictionary layout) and DECIMAL (compact and wide). */
class DecimalStringCastTest {
  private static final String[] TEXTS = {" 1.255 ", "x", null, "-0.5", "1e2", "1.255", "999999999", "x"};

  private static List<Object> cast(ColumnVector input, ColumnType to) {
    Batch batch = new Batch(new ColumnVector[] {input}, input.size());
    ColumnVector result = ExpressionCompiler.compile(new Cast(new BoundReference(0, input.type(), true), to)).evaluate(batch);
    List<Object> values = new ArrayList<>();
    for (int row = 0; row < result.size(); row++) {
      values.add(result.getObject(row));
    }
    return values;
  }

  private static StringVector plainStrings(String... texts) {
    boolean[] nulls = new boolean[texts.length];
    for (int i = 0; i < texts.length; i++) {
      nulls[i] = texts[i] == null;
    }
    return new StringVector(ColumnType.STRING, texts, nulls, texts.length);
  }

  @Test
  void stringsToACompactDecimalAgreeInThePlainAndTheDictionaryLayout() {
    ColumnType target = ColumnType.decimal(10, 2);
    StringVector plain = plainStrings(TEXTS);

    List<Object> fromPlain = cast(plain, target);
    List<Object> fromDictionary = cast(StringLayouts.dictionaryEncoded(plain), target);

    // 999999999.00 needs 11 digits: null, as Spark's changePrecision gives.
    assertThat(fromPlain).containsExactly(new BigDecimal("1.26"), null, null, new BigDecimal("-0.50"),
        new BigDecimal("100.00"), new BigDecimal("1.26"), null, null);
    assertThat(fromDictionary).isEqualTo(fromPlain);
  }

  @Test
  void stringsToAWideDecimalAgreeInThePlainAndTheDictionaryLayout() {
    ColumnType target = ColumnType.decimal(30, 3);
    StringVector plain = plainStrings(TEXTS);

    List<Object> fromPlain = cast(plain, target);
    List<Object> fromDictionary = cast(StringLayouts.dictionaryEncoded(plain), target);

    assertThat(fromPlain).containsExactly(new BigDecimal("1.255"), null, null, new BigDecimal("-0.500"),
        new BigDecimal("100.000"), new BigDecimal("1.255"), new BigDecimal("999999999.000"), null);
    assertThat(fromDictionary).isEqualTo(fromPlain);
  }

  @Test
  void wideDecimalsCastToUtf8Text() {
    ColumnType wide = ColumnType.decimal(30, 3);
    BigDecimal[] values = {new BigDecimal("12345678901234567890.125"), null, new BigDecimal("-0.001")};
    ColumnVector decimals = DecimalVector.of(wide, values, new boolean[] {false, true, false}, 3);

    ColumnVector text = ExpressionCompiler.compile(new Cast(new BoundReference(0, wide, true), ColumnType.STRING))
        .evaluate(new Batch(new ColumnVector[] {decimals}, 3));

    StringVector strings = (StringVector) text;
    assertThat(Arrays.asList(strings.get(0), strings.get(1), strings.get(2)))
        .containsExactly("12345678901234567890.125", null, "-0.001");
    assertThat(strings.byteLength(0)).isEqualTo("12345678901234567890.125".length());
  }
}
