package dev.ember.catalyst.parser;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code date ± INTERVAL 'n' unit}. Ember has no interval type, so the parser rewrites the
 * arithmetic: on a date literal it is folded into a new date literal (what TPC-H writes:
 * {@code date '1998-12-01' - interval '90' day}); on any other date a day interval becomes
 * {@code date_add(date, ±n)} and a month or year interval {@code add_months(date, ±n)}.
 */
final class Intervals {
  private Intervals() {}

  enum Unit {
    DAY,
    MONTH,
    YEAR
  }

  record Interval(int count, Unit unit) {}

  static UnresolvedExpression apply(UnresolvedExpression date, Interval interval, boolean plus) {
    long signed = plus ? interval.count() : -(long) interval.count();
    if (date instanceof LiteralValue(LocalDate value)) {
      return new LiteralValue(switch (interval.unit()) {
        case DAY -> value.plusDays(signed);
        case MONTH -> value.plusMonths(signed);
        case YEAR -> value.plusYears(signed);
      });
    }
    return switch (interval.unit()) {
      case DAY -> new FunctionCall("date_add", List.of(date, new LiteralValue((int) signed)));
      case MONTH -> new FunctionCall("add_months", List.of(date, new LiteralValue((int) signed)));
      case YEAR -> new FunctionCall("add_months", List.of(date, new LiteralValue((int) (signed * 12))));
    };
  }
}
