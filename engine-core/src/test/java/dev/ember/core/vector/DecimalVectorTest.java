package dev.ember.core.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The 128-bit wide decimal vector against BigDecimal on random values of 19 to 38 digits, either
 * sign, with nulls and the ±(10^38 - 1) edges: each row reads back as its BigDecimal, hashes as
 * Spark hashes that BigDecimal ({@link VectorHashing#hashDecimal(BigDecimal, int)}, pinned in
 * {@code SparkHashValuesTest}), orders and equals as {@code compareTo}, and survives gather and the
 * builder's appends.
 */
class DecimalVectorTest {
  @Test
  void rowsHashOrderAndCopyAsTheirBigDecimals() {
    long seed = TestSeeds.seed(3838);
    Random random = new Random(seed);
    for (int precision = 19; precision <= 38; precision++) {
      ColumnType type = ColumnType.decimal(precision, random.nextInt(precision + 1));
      int rows = 200;
      BigDecimal[] values = new BigDecimal[rows];
      boolean[] nulls = new boolean[rows];
      BigInteger bound = BigInteger.TEN.pow(precision);
      for (int i = 0; i < rows; i++) {
        nulls[i] = random.nextInt(10) == 0;
        BigInteger unscaled = switch (random.nextInt(8)) {
          case 0 -> bound.subtract(BigInteger.ONE);
          case 1 -> BigInteger.valueOf(random.nextLong());
          default -> new BigInteger(bound.bitLength() + 1, random).mod(BigInteger.TEN.pow(1 + random.nextInt(precision)));
        };
        values[i] = nulls[i] ? null : new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), type.scale());
      }
      DecimalVector vector = DecimalVector.of(type, values, nulls, rows);
      String context = type + ", " + TestSeeds.describe(seed);
      int[] hashes = new int[rows];
      VectorHashing.hashRows(new ColumnVector[] {vector}, rows, hashes);
      for (int i = 0; i < rows; i++) {
        assertThat(vector.getObject(i)).as(context).isEqualTo(values[i]);
        int expectedHash = values[i] == null ? VectorHashing.SEED : VectorHashing.hashDecimal(values[i], VectorHashing.SEED);
        assertThat(hashes[i]).as("hash of %s, %s", values[i], context).isEqualTo(expectedHash);
      }
      for (int k = 0; k < 500; k++) {
        int left = random.nextInt(rows);
        int right = random.nextInt(rows);
        if (nulls[left] || nulls[right]) {
          continue;
        }
        assertThat(Integer.signum(ValueComparison.compare(vector, left, vector, right))).as(context)
            .isEqualTo(values[left].compareTo(values[right]));
        assertThat(ValueComparison.equal(vector, left, vector, right)).as(context).isEqualTo(values[left].compareTo(values[right]) == 0);
      }
      int[] positions = {rows - 1, -1, 0, 5, 5};
      DecimalVector gathered = vector.gather(positions, positions.length);
      VectorBuilder builder = VectorBuilder.forType(type, 1);
      builder.appendRange(vector, 3, 9);
      builder.appendRows(vector, positions, 1);
      builder.appendFrom(vector, 7);
      builder.appendNulls(1);
      ColumnVector built = builder.build();
      List<Object> expectedBuilt = new ArrayList<>();
      for (int i = 3; i < 9; i++) {
        expectedBuilt.add(values[i]);
      }
      expectedBuilt.add(values[rows - 1]);
      expectedBuilt.add(values[7]);
      expectedBuilt.add(null);
      for (int i = 0; i < positions.length; i++) {
        assertThat(gathered.getObject(i)).as(context).isEqualTo(positions[i] < 0 ? null : values[positions[i]]);
      }
      for (int i = 0; i < expectedBuilt.size(); i++) {
        assertThat(built.getObject(i)).as(context).isEqualTo(expectedBuilt.get(i));
      }
    }
  }

  @Test
  void valuesThatDoNotFitTheTypeAreRefused() {
    ColumnType type = ColumnType.decimal(20, 2);
    assertThatThrownBy(() -> DecimalVector.of(type, new BigDecimal[] {new BigDecimal("1.5")}, null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 0").hasMessageContaining("decimal(20,2)");
    assertThatThrownBy(() -> DecimalVector.of(type, new BigDecimal[] {new BigDecimal("1234567890123456789.00")}, null, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DecimalVector(ColumnType.decimal(18, 2), new long[1], new long[1], null, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wider than 18 digits");
  }
}
