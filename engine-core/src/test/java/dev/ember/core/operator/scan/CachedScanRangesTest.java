package dev.ember.core.operator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.And;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Like;
import dev.ember.core.operator.scan.CachedScanOperator.ColumnRange;
import dev.ember.core.types.ColumnType;
import org.junit.jupiter.api.Test;

/** The integral ranges a filter above a cached scan hands down to be checked on stored offsets. */
class CachedScanRangesTest {
  private static final BoundReference DAY = new BoundReference(2, ColumnType.DATE, true);
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, true);

  @Test
  void boundsBecomeInclusiveRangesAndOtherConjunctsStayWithTheFilter() {
    var condition = new And(
        new And(new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, DAY, new Literal(8766, ColumnType.DATE)),
            new Comparison(ComparisonOperator.LESS_THAN, DAY, new Literal(9131, ColumnType.DATE))),
        new And(new Comparison(ComparisonOperator.GREATER_THAN, KEY, Literal.of(Long.MAX_VALUE)),
            new And(new Comparison(ComparisonOperator.NOT_EQUAL, KEY, Literal.of(5L)),
                new Like(new BoundReference(1, ColumnType.STRING, true), "a%"))));

    assertThat(CachedScanOperator.rangesOf(condition)).containsExactlyInAnyOrder(
        new ColumnRange(2, 8766, 9130),
        new ColumnRange(0, 1, 0)); // > Long.MAX_VALUE keeps nothing: an empty range
  }

  @Test
  void equalityAndOneSidedBoundsReachTheTypesEnds() {
    assertThat(CachedScanOperator.rangesOf(new Comparison(ComparisonOperator.EQUAL, KEY, Literal.of(-3L))))
        .containsExactly(new ColumnRange(0, -3, -3));
    assertThat(CachedScanOperator.rangesOf(new Comparison(ComparisonOperator.LESS_THAN_OR_EQUAL, KEY, Literal.of(9L))))
        .containsExactly(new ColumnRange(0, Long.MIN_VALUE, 9));
    assertThat(CachedScanOperator.rangesOf(new Like(new BoundReference(1, ColumnType.STRING, true), "a%"))).isEmpty();
  }
}
