package dev.ember.core.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level decimal parser (the long fast path and the BigDecimal path) against Spark's rule
 * written with BigDecimal: {@code new BigDecimal(text.replace(",", ""))}, HALF_UP to the scale,
 * malformed when it has more digits than the precision or is not a number.
 */
class CsvDecimalParserTest {
  private final CsvDecimalParser parser = new CsvDecimalParser(StandardCharsets.UTF_8);

  private BigDecimal parse(String text, ColumnType type) {
    byte[] bytes = ("x" + text + "y").getBytes(StandardCharsets.UTF_8);
    if (type.precision() <= 18) {
      long unscaled = parser.parseCompact(bytes, 1, bytes.length - 1, type);
      return parser.ok ? BigDecimal.valueOf(unscaled, type.scale()) : null;
    }
    BigDecimal value = parser.parseWide(bytes, 1, bytes.length - 1, type);
    assertThat(value == null).isEqualTo(!parser.ok);
    // The 128-bit path (what the scan uses) gives the same value, or the same refusal.
    long[] high = new long[2];
    long[] low = new long[2];
    parser.parseWide(bytes, 1, bytes.length - 1, type, high, low, 1);
    assertThat(parser.ok).as("'%s' as %s on 128 bits", text, type).isEqualTo(value != null);
    if (value != null) {
      assertThat(dev.ember.core.types.Int128.toBigDecimal(high[1], low[1], type.scale())).as("'%s' as %s on 128 bits", text, type)
          .isEqualTo(value);
    }
    return value;
  }

  private static BigDecimal spark(String text, ColumnType type) {
    try {
      BigDecimal value = new BigDecimal(text.replace(",", "")).setScale(type.scale(), RoundingMode.HALF_UP);
      return value.precision() - value.scale() > type.precision() - type.scale() && value.signum() != 0 ? null : value;
    } catch (NumberFormatException | ArithmeticException notANumber) {
      return null;
    }
  }

  @Test
  void handPickedFieldsFollowSparksCsvRule() {
    ColumnType money = ColumnType.decimal(7, 2);
    String[] fields = {"1", "-1", "+2.5", "0.005", "-0.005", "0.004", "99999.99", "99999.995", "100000", ".5", "5.",
        "1e2", "1,234.5", "", "-", ".", "1.2.3", "abc", " 1", "00000000000000000000001.25", "12345678901234567890"};
    for (String field : fields) {
      assertThat(parse(field, money)).as("'%s'", field).isEqualTo(spark(field, money));
    }
    ColumnType wide = ColumnType.decimal(38, 4);
    String[] wideFields = {"-9999999999999999999999999999999999.99995", "9999999999999999999999999999999999.9999",
        "9999999999999999999999999999999999.99995", "-0.00005", "+18446744073709551616.5", "0000000000000000000000000000000000000000001.25",
        "1e33", "1,000", "-", ".", "1.2.3", ""};
    for (String field : wideFields) {
      assertThat(parse(field, wide)).as("'%s'", field).isEqualTo(spark(field, wide));
    }
    assertThat(parse("99999.994", money)).isEqualTo(new BigDecimal("99999.99"));
    assertThat(parse("-0.005", money)).isEqualTo(new BigDecimal("-0.01"));
  }

  @Test
  void randomFieldsAgreeWithBigDecimalInBothForms() {
    long seed = TestSeeds.seed(512);
    Random random = new Random(seed);
    for (int round = 0; round < 20_000; round++) {
      int precision = 1 + random.nextInt(38);
      ColumnType type = ColumnType.decimal(precision, random.nextInt(precision + 1));
      // Up to 40 digits: beyond 38 the 128-bit parser hands over to BigDecimal.
      int digits = 1 + random.nextInt(40);
      BigInteger unscaled = new BigInteger(140, random).mod(BigInteger.TEN.pow(digits));
      BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), random.nextInt(digits + 3));
      String text = random.nextInt(10) == 0 ? value.toString() : value.toPlainString();
      assertThat(parse(text, type)).as("'%s' as %s, %s", text, type, TestSeeds.describe(seed)).isEqualTo(spark(text, type));
    }
  }
}
