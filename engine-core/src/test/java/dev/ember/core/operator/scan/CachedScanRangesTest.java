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

/** What a filter above a cached scan hands down to be checked on stored values: integral ranges, per-entry string conditions. */
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

    assertThat(CachedScanOperator.prefilterOf(condition).ranges()).containsExactlyInAnyOrder(
        new ColumnRange(2, 8766, 9130),
        new ColumnRange(0, 1, 0)); // > Long.MAX_VALUE keeps nothing: an empty range
  }

  @Test
  void equalityAndOneSidedBoundsReachTheTypesEnds() {
    assertThat(CachedScanOperator.prefilterOf(new Comparison(ComparisonOperator.EQUAL, KEY, Literal.of(-3L))).ranges())
        .containsExactly(new ColumnRange(0, -3, -3));
    assertThat(CachedScanOperator.prefilterOf(new Comparison(ComparisonOperator.LESS_THAN_OR_EQUAL, KEY, Literal.of(9L))).ranges())
        .containsExactly(new ColumnRange(0, Long.MIN_VALUE, 9));
    assertThat(CachedScanOperator.prefilterOf(new Like(new BoundReference(1, ColumnType.STRING, true), "a%")).ranges()).isEmpty();
  }

  @Test
  void aConditionOnOneStringColumnIsDecidedPerEntryAndOthersStayWithTheFilter() {
    BoundReference flag = new BoundReference(1, ColumnType.STRING, true);
    var condition = new And(new Like(flag, "a%"),
        new And(new Comparison(ComparisonOperator.EQUAL, flag, new BoundReference(3, ColumnType.STRING, true)),
            new Comparison(ComparisonOperator.LESS_THAN, DAY, new Literal(9131, ColumnType.DATE))));

    CachedScanOperator.Prefilter prefilter = CachedScanOperator.prefilterOf(condition);

    assertThat(prefilter.ranges()).containsExactly(new ColumnRange(2, Long.MIN_VALUE, 9130));
    assertThat(prefilter.entryConditions()).extracting(CachedScanOperator.EntryCondition::column).containsExactly(1);
    assertThat(prefilter.entryConditions().get(0).keepsNull()).isFalse();
    assertThat(CachedScanOperator.prefilterOf(new dev.ember.core.expression.IsNull(flag)).entryConditions().get(0).keepsNull())
        .isTrue();
  }
}
