package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.DateField;
import dev.ember.core.expression.ToDate;
import dev.ember.core.text.CivilCalendar;
import dev.ember.core.text.DateTimeParser;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.StringVector;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/** year/month/dayofmonth, date_add and to_date with a format, on DATE as int epoch days. */
final class DateExpressions {
  private DateExpressions() {}

  /** A field of a DATE, computed arithmetically from the epoch day (no LocalDate per row). */
  record Part(DateField field, VectorExpression child) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.INT;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      IntVector input = (IntVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      int[] days = input.values;
      int[] out = new int[rowCount];
      switch (field) {
        case YEAR -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = CivilCalendar.year(days[i]);
          }
        }
        case MONTH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = CivilCalendar.month(days[i]);
          }
        }
        case DAY_OF_MONTH -> {
          for (int i = 0; i < rowCount; i++) {
            out[i] = CivilCalendar.dayOfMonth(days[i]);
          }
        }
      }
      return new IntVector(ColumnType.INT, out, input.nulls, rowCount);
    }
  }

  /** {@code date_add(date, days)} with a column of days; int overflow wraps, as in Spark. */
  record AddColumn(VectorExpression date, VectorExpression days) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.DATE;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      IntVector dates = (IntVector) VectorExpression.dispatch(date, batch);
      IntVector offsets = (IntVector) VectorExpression.dispatch(days, batch);
      int rowCount = batch.rowCount();
      int[] dateValues = dates.values;
      int[] offsetValues = offsets.values;
      int[] out = new int[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = dateValues[i] + offsetValues[i];
      }
      return new IntVector(ColumnType.DATE, out, NullMasks.union(dates.nulls, offsets.nulls, rowCount), rowCount);
    }
  }

  /** {@code date_add(date, n)} with a literal n, the usual form. */
  record AddScalar(VectorExpression date, int days) implements VectorExpression {
    @Override
    public ColumnType type() {
      return ColumnType.DATE;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      IntVector dates = (IntVector) VectorExpression.dispatch(date, batch);
      int rowCount = batch.rowCount();
      int[] dateValues = dates.values;
      int[] out = new int[rowCount];
      for (int i = 0; i < rowCount; i++) {
        out[i] = dateValues[i] + days;
      }
      return new IntVector(ColumnType.DATE, out, dates.nulls, rowCount);
    }
  }

  /**
   * {@code to_date(string, format)} with a {@link DateTimeFormatter} pattern, compiled once:
   * case-insensitive, strict (no 31 February), 'y' read as 'u' (proleptic year, so no era is
   * needed and year 0 and negative years parse) unless the pattern has an era 'G', as Spark 3
   * converts patterns; fields the pattern lacks
   * default to 1970, January, the 1st (Spark's defaults); text that does not parse, or has text
   * left over, gives null.
   */
  record ParseWithFormat(VectorExpression child, DateTimeFormatter formatter) implements VectorExpression {
    static ParseWithFormat of(VectorExpression child, String format) {
      return new ParseWithFormat(child, ToDate.formatter(format));
    }

    @Override
    public ColumnType type() {
      return ColumnType.DATE;
    }

    @Override
    public ColumnVector evaluate(Batch batch) {
      StringVector input = (StringVector) VectorExpression.dispatch(child, batch);
      int rowCount = batch.rowCount();
      boolean[] inputNulls = input.nulls;
      int[] out = new int[rowCount];
      boolean[] nulls = inputNulls;
      boolean copied = false;
      for (int i = 0; i < rowCount; i++) {
        if (inputNulls != null && inputNulls[i]) {
          continue;
        }
        long day = parse(input.get(i));
        if (day == DateTimeParser.NOT_A_DATE) {
          if (!copied) {
            nulls = NullMasks.writable(inputNulls, rowCount);
            copied = true;
          }
          nulls[i] = true;
        } else {
          out[i] = (int) day;
        }
      }
      return new IntVector(ColumnType.DATE, out, nulls, rowCount);
    }

    private long parse(String text) {
      try {
        TemporalAccessor parsed = formatter.parse(text);
        LocalDate date = parsed.query(TemporalQueries.localDate());
        if (date == null) {
          int year = parsed.isSupported(ChronoField.YEAR) ? parsed.get(ChronoField.YEAR) : 1970;
          int month = parsed.isSupported(ChronoField.MONTH_OF_YEAR) ? parsed.get(ChronoField.MONTH_OF_YEAR) : 1;
          int day = parsed.isSupported(ChronoField.DAY_OF_MONTH) ? parsed.get(ChronoField.DAY_OF_MONTH) : 1;
          date = LocalDate.of(year, month, day);
        }
        long epochDay = date.toEpochDay();
        return epochDay < Integer.MIN_VALUE || epochDay > Integer.MAX_VALUE ? DateTimeParser.NOT_A_DATE : epochDay;
      } catch (DateTimeException unparsable) {
        return DateTimeParser.NOT_A_DATE;
      }
    }
  }
}
