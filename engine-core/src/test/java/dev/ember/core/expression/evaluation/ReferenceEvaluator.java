package dev.ember.core.expression.evaluation;

import dev.ember.core.expression.Abs;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.Concat;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.DatePart;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Length;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Lower;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.Round;
import dev.ember.core.expression.StringMatch;
import dev.ember.core.expression.Substring;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row-at-a-time evaluator written independently of the kernels, straight from the Spark rules:
 * boxed values, BigInteger/BigDecimal for integer wrap-around and rounding, java.time for the
 * calendar, regular expressions for the text formats, a recursive matcher for LIKE.
 */
final class ReferenceEvaluator {
  private static final BigInteger MICROS_PER_SECOND = BigInteger.valueOf(1_000_000L);
  private static final BigInteger MICROS_PER_DAY = BigInteger.valueOf(86_400_000_000L);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private ReferenceEvaluator() {}

  static Object evaluate(Expression expression, List<Object> row) {
    return switch (expression) {
      case BoundReference reference -> row.get(reference.ordinal());
      case AttributeReference attribute -> throw new IllegalStateException("unbound " + attribute);
      case Literal literal -> literal.value();
      case Alias alias -> evaluate(alias.child(), row);
      case Arithmetic arithmetic -> arithmetic(arithmetic, evaluate(arithmetic.left(), row), evaluate(arithmetic.right(), row));
      case Comparison comparison -> {
        Object left = evaluate(comparison.left(), row);
        Object right = evaluate(comparison.right(), row);
        if (left == null || right == null) {
          yield null;
        }
        int order = compare(left, right);
        yield switch (comparison.operator()) {
          case EQUAL -> order == 0;
          case NOT_EQUAL -> order != 0;
          case LESS_THAN -> order < 0;
          case LESS_THAN_OR_EQUAL -> order <= 0;
          case GREATER_THAN -> order > 0;
          case GREATER_THAN_OR_EQUAL -> order >= 0;
        };
      }
      case And and -> {
        Boolean left = (Boolean) evaluate(and.left(), row);
        Boolean right = (Boolean) evaluate(and.right(), row);
        if (Boolean.FALSE.equals(left) || Boolean.FALSE.equals(right)) {
          yield false;
        }
        yield left == null || right == null ? null : true;
      }
      case Or or -> {
        Boolean left = (Boolean) evaluate(or.left(), row);
        Boolean right = (Boolean) evaluate(or.right(), row);
        if (Boolean.TRUE.equals(left) || Boolean.TRUE.equals(right)) {
          yield true;
        }
        yield left == null || right == null ? null : false;
      }
      case Not not -> {
        Boolean child = (Boolean) evaluate(not.child(), row);
        yield child == null ? null : !child;
      }
      case IsNull isNull -> evaluate(isNull.child(), row) == null;
      case IsNotNull isNotNull -> evaluate(isNotNull.child(), row) != null;
      case Cast cast -> cast(evaluate(cast.child(), row), cast.child().type().kind(), cast.type().kind());
      case Coalesce coalesce -> {
        for (Expression child : coalesce.children()) {
          Object value = evaluate(child, row);
          if (value != null) {
            yield value;
          }
        }
        yield null;
      }
      case CaseWhen caseWhen -> {
        for (int i = 0; i < caseWhen.conditions().size(); i++) {
          if (Boolean.TRUE.equals(evaluate(caseWhen.conditions().get(i), row))) {
            yield evaluate(caseWhen.values().get(i), row);
          }
        }
        yield evaluate(caseWhen.otherwise(), row);
      }
      case In in -> {
        Object value = evaluate(in.value(), row);
        boolean sawNull = value == null;
        for (Expression element : in.list()) {
          Object candidate = evaluate(element, row);
          if (candidate == null) {
            sawNull = true;
          } else if (value != null && compare(value, candidate) == 0) {
            yield true;
          }
        }
        yield sawNull ? null : false;
      }
      case Like like -> {
        String text = (String) evaluate(like.child(), row);
        yield text == null ? null : like(text.codePoints().toArray(), 0, likeTokens(like.pattern()), 0);
      }
      case StringMatch match -> {
        String left = (String) evaluate(match.left(), row);
        String right = (String) evaluate(match.right(), row);
        if (left == null || right == null) {
          yield null;
        }
        yield switch (match.operator()) {
          case STARTS_WITH -> left.startsWith(right);
          case ENDS_WITH -> left.endsWith(right);
          case CONTAINS -> left.contains(right);
        };
      }
      case Upper upper -> {
        String text = (String) evaluate(upper.child(), row);
        yield text == null ? null : text.toUpperCase(Locale.ROOT);
      }
      case Lower lower -> {
        String text = (String) evaluate(lower.child(), row);
        yield text == null ? null : text.toLowerCase(Locale.ROOT);
      }
      case Length length -> {
        String text = (String) evaluate(length.child(), row);
        yield text == null ? null : (int) text.codePoints().count();
      }
      case Concat concat -> {
        StringBuilder text = new StringBuilder();
        for (Expression child : concat.children()) {
          Object part = evaluate(child, row);
          if (part == null) {
            yield null;
          }
          text.append(part);
        }
        yield text.toString();
      }
      case Substring substring -> {
        String text = (String) evaluate(substring.child(), row);
        yield text == null ? null : substring(text, substring.position(), substring.length());
      }
      case Abs abs -> {
        Object value = evaluate(abs.child(), row);
        yield switch (value) {
          case null -> null;
          case Integer number -> BigInteger.valueOf(number).abs().intValue();
          case Long number -> BigInteger.valueOf(number).abs().longValue();
          case Double number -> number < 0 || (number == 0 && 1 / number < 0) ? -number : number;
          default -> throw new IllegalArgumentException(value.toString());
        };
      }
      case Round round -> {
        Object value = evaluate(round.child(), row);
        yield switch (value) {
          case null -> null;
          case Integer number -> BigDecimal.valueOf(number).setScale(round.scale(), RoundingMode.HALF_UP).intValue();
          case Long number -> BigDecimal.valueOf(number).setScale(round.scale(), RoundingMode.HALF_UP).longValue();
          case Double number -> number.isNaN() || number.isInfinite()
              ? number
              : new BigDecimal(Double.toString(number)).setScale(round.scale(), RoundingMode.HALF_UP).doubleValue();
          default -> throw new IllegalArgumentException(value.toString());
        };
      }
      case DatePart part -> {
        Integer day = (Integer) evaluate(part.child(), row);
        if (day == null) {
          yield null;
        }
        LocalDate date = LocalDate.ofEpochDay(day);
        yield switch (part.field()) {
          case YEAR -> date.getYear();
          case MONTH -> date.getMonthValue();
          case DAY_OF_MONTH -> date.getDayOfMonth();
        };
      }
      case ToDate toDate -> {
        Object value = evaluate(toDate.child(), row);
        if (toDate.format() != null && value instanceof String text) {
          yield parseWithFormat(text, toDate.format());
        }
        yield cast(value, toDate.child().type().kind(), TypeKind.DATE);
      }
      case DateAdd dateAdd -> {
        Integer day = (Integer) evaluate(dateAdd.left(), row);
        Integer offset = (Integer) evaluate(dateAdd.right(), row);
        yield day == null || offset == null ? null : BigInteger.valueOf(day).add(BigInteger.valueOf(offset)).intValue();
      }
      // The random trees hold no user function; their semantics are tested against the lambdas themselves.
      case UserFunctionCall call -> throw new UnsupportedOperationException("no reference for " + call);
    };
  }

  private static Object arithmetic(Arithmetic arithmetic, Object left, Object right) {
    if (left == null || right == null) {
      return null;
    }
    if (left instanceof Double a) {
      double b = (Double) right;
      return switch (arithmetic.operator()) {
        case ADD -> a + b;
        case SUBTRACT -> a - b;
        case MULTIPLY -> a * b;
        case DIVIDE -> b == 0 ? null : a / b;
        case REMAINDER -> b == 0 ? null : a % b;
      };
    }
    BigInteger a = BigInteger.valueOf(((Number) left).longValue());
    BigInteger b = BigInteger.valueOf(((Number) right).longValue());
    BigInteger exact = switch (arithmetic.operator()) {
      case ADD -> a.add(b);
      case SUBTRACT -> a.subtract(b);
      case MULTIPLY -> a.multiply(b);
      case DIVIDE -> b.signum() == 0 ? null : a.divide(b);
      case REMAINDER -> b.signum() == 0 ? null : a.remainder(b);
    };
    if (exact == null) {
      return null;
    }
    return left instanceof Integer ? (Object) exact.intValue() : (Object) exact.longValue();
  }

  /** Spark's order: false < true; NaN equals NaN and is above everything; -0.0 equals 0.0. */
  static int compare(Object left, Object right) {
    return switch (left) {
      case Boolean a -> Boolean.compare(a, (Boolean) right);
      case Integer a -> Integer.compare(a, (Integer) right);
      case Long a -> Long.compare(a, (Long) right);
      // Spark compares UTF-8 bytes: code point order, not String.compareTo's UTF-16 order.
      case String a -> dev.ember.core.vector.StringLayouts.compareCodePoints(a, (String) right);
      case Double a -> {
        double b = (Double) right;
        if (a.isNaN() || Double.isNaN(b)) {
          yield a.isNaN() && Double.isNaN(b) ? 0 : a.isNaN() ? 1 : -1;
        }
        yield a < b ? -1 : a > b ? 1 : 0;
      }
      default -> throw new IllegalArgumentException("cannot compare " + left);
    };
  }

  // ---------------------------------------------------------------- casts

  static Object cast(Object value, TypeKind from, TypeKind to) {
    if (value == null || from == to) {
      return value;
    }
    return switch (to) {
      case BOOLEAN -> switch (from) {
        case INT, LONG -> ((Number) value).longValue() != 0;
        case DOUBLE -> !((Double) value == 0.0);
        case TIMESTAMP -> (Long) value != 0;
        case DATE -> null;
        case STRING -> parseBoolean((String) value);
        default -> throw unsupported(from, to);
      };
      case INT -> switch (from) {
        case BOOLEAN -> (Boolean) value ? 1 : 0;
        case LONG -> BigInteger.valueOf((Long) value).intValue();
        case DOUBLE -> doubleToInteger((Double) value, Integer.MIN_VALUE, Integer.MAX_VALUE).intValue();
        case TIMESTAMP -> floorSeconds((Long) value).intValue();
        case DATE -> null;
        case STRING -> {
          BigInteger parsed = parseIntegral((String) value);
          yield parsed == null || parsed.bitLength() > 31 ? null : parsed.intValue();
        }
        default -> throw unsupported(from, to);
      };
      case LONG -> switch (from) {
        case BOOLEAN -> (Boolean) value ? 1L : 0L;
        case INT -> (long) (Integer) value;
        case DOUBLE -> doubleToInteger((Double) value, Long.MIN_VALUE, Long.MAX_VALUE).longValue();
        case TIMESTAMP -> floorSeconds((Long) value).longValue();
        case DATE -> null;
        case STRING -> {
          BigInteger parsed = parseIntegral((String) value);
          yield parsed == null || parsed.bitLength() > 63 ? null : parsed.longValue();
        }
        default -> throw unsupported(from, to);
      };
      case DOUBLE -> switch (from) {
        case BOOLEAN -> (Boolean) value ? 1.0 : 0.0;
        case INT, LONG -> ((Number) value).doubleValue();
        case TIMESTAMP -> (Long) value / 1e6;
        case DATE -> null;
        case STRING -> parseDouble((String) value);
        default -> throw unsupported(from, to);
      };
      case STRING -> switch (from) {
        case BOOLEAN, INT, LONG, DOUBLE -> String.valueOf(value);
        case DATE -> LocalDate.ofEpochDay((Integer) value).toString();
        case TIMESTAMP -> formatTimestamp((Long) value);
        default -> throw unsupported(from, to);
      };
      case DATE -> switch (from) {
        case BOOLEAN, INT, LONG, DOUBLE -> null;
        case TIMESTAMP -> (int) Instant.EPOCH.plus(floorSeconds((Long) value).longValue(), java.time.temporal.ChronoUnit.SECONDS)
            .atZone(ZoneOffset.UTC).toLocalDate().toEpochDay();
        case STRING -> parseDate((String) value);
        default -> throw unsupported(from, to);
      };
      case TIMESTAMP -> switch (from) {
        case BOOLEAN -> (Boolean) value ? 1L : 0L;
        case INT, LONG -> clampToLong(BigInteger.valueOf(((Number) value).longValue()).multiply(MICROS_PER_SECOND));
        case DOUBLE -> {
          double seconds = (Double) value;
          yield Double.isNaN(seconds) || Double.isInfinite(seconds) ? null : (Object) (long) (seconds * 1e6);
        }
        case DATE -> {
          BigInteger micros = BigInteger.valueOf((Integer) value).multiply(MICROS_PER_DAY);
          yield micros.compareTo(LONG_MIN) < 0 || micros.compareTo(LONG_MAX) > 0 ? null : (Object) micros.longValue();
        }
        case STRING -> parseTimestamp((String) value);
        default -> throw unsupported(from, to);
      };
      case DECIMAL -> throw unsupported(from, to);
    };
  }

  private static IllegalArgumentException unsupported(TypeKind from, TypeKind to) {
    return new IllegalArgumentException("no reference cast from " + from + " to " + to);
  }

  private static BigInteger floorSeconds(long micros) {
    BigInteger[] division = BigInteger.valueOf(micros).divideAndRemainder(MICROS_PER_SECOND);
    return division[1].signum() < 0 ? division[0].subtract(BigInteger.ONE) : division[0];
  }

  private static long clampToLong(BigInteger value) {
    return value.max(LONG_MIN).min(LONG_MAX).longValue();
  }

  /** Scala's toInt/toLong: NaN is 0, out of range saturates, otherwise truncation toward zero. */
  private static Number doubleToInteger(double value, long min, long max) {
    if (Double.isNaN(value)) {
      return 0L;
    }
    if (value >= max) {
      return max;
    }
    if (value <= min) {
      return min;
    }
    return new BigDecimal(value).setScale(0, RoundingMode.DOWN).longValueExact();
  }

  private static String trimSpark(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) <= ' ' || text.charAt(start) == 0x7f)) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) <= ' ' || text.charAt(end - 1) == 0x7f)) {
      end--;
    }
    return text.substring(start, end);
  }

  private static final Pattern INTEGRAL = Pattern.compile("([+-]?)([0-9]*)(?:\\.[0-9]*)?");

  private static BigInteger parseIntegral(String text) {
    String trimmed = trimSpark(text);
    Matcher matcher = INTEGRAL.matcher(trimmed);
    if (trimmed.isEmpty() || trimmed.equals("+") || trimmed.equals("-") || !matcher.matches()) {
      return null;
    }
    BigInteger magnitude = matcher.group(2).isEmpty() ? BigInteger.ZERO : new BigInteger(matcher.group(2));
    return matcher.group(1).equals("-") ? magnitude.negate() : magnitude;
  }

  private static Double parseDouble(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.valueOf(text);
        } catch (NumberFormatException notANumber) {
          return null;
        }
      }
    }
  }

  private static Boolean parseBoolean(String text) {
    String word = trimSpark(text).toLowerCase(Locale.ROOT);
    if (List.of("t", "true", "y", "yes", "1").contains(word)) {
      return true;
    }
    if (List.of("f", "false", "n", "no", "0").contains(word)) {
      return false;
    }
    return null;
  }

  private static final Pattern DATE =
      Pattern.compile("([+-]?)([0-9]{4,7})(?:-([0-9]{1,2})(?:-([0-9]{1,2})(?:[ T].*)?)?)?", Pattern.DOTALL);

  static Integer parseDate(String text) {
    Matcher matcher = DATE.matcher(trimSpark(text));
    if (!matcher.matches()) {
      return null;
    }
    try {
      int year = Integer.parseInt(matcher.group(2)) * (matcher.group(1).equals("-") ? -1 : 1);
      int month = matcher.group(3) == null ? 1 : Integer.parseInt(matcher.group(3));
      int day = matcher.group(4) == null ? 1 : Integer.parseInt(matcher.group(4));
      return Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
    } catch (DateTimeException | ArithmeticException invalid) {
      return null;
    }
  }

  private static final Pattern TIMESTAMP = Pattern.compile(
      "([+-]?)([0-9]{4,6})(?:-([0-9]{1,2})(?:-([0-9]{1,2})"
          + "(?:[ T](?:([0-9]{1,2}):([0-9]{1,2})(?::([0-9]{1,2})(?:\\.([0-9]+))?)?(?: *(\\S.*))?)?)?)?)?",
      Pattern.DOTALL);

  static Long parseTimestamp(String text) {
    Matcher matcher = TIMESTAMP.matcher(trimSpark(text));
    if (!matcher.matches()) {
      return null;
    }
    try {
      int year = Integer.parseInt(matcher.group(2)) * (matcher.group(1).equals("-") ? -1 : 1);
      int month = group(matcher, 3, 1);
      int day = group(matcher, 4, 1);
      LocalDateTime local = LocalDateTime.of(year, month, day, group(matcher, 5, 0), group(matcher, 6, 0), group(matcher, 7, 0));
      String fraction = matcher.group(8) == null ? "" : matcher.group(8);
      long micros = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, 6));
      String zoneText = matcher.group(9);
      ZoneId zone = zoneText == null || zoneText.equals("Z") ? ZoneOffset.UTC : ZoneId.of(zoneText);
      long epochSecond = local.atZone(zone).toEpochSecond();
      BigInteger total = BigInteger.valueOf(epochSecond).multiply(MICROS_PER_SECOND).add(BigInteger.valueOf(micros));
      return total.compareTo(LONG_MIN) < 0 || total.compareTo(LONG_MAX) > 0 ? null : total.longValue();
    } catch (DateTimeException invalid) {
      return null;
    }
  }

  private static int group(Matcher matcher, int group, int absent) {
    return matcher.group(group) == null ? absent : Integer.parseInt(matcher.group(group));
  }

  static String formatTimestamp(long micros) {
    long epochSecond = floorSeconds(micros).longValue();
    int fraction = (int) (micros - epochSecond * 1_000_000L);
    LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    String text = local.toLocalDate() + " "
        + String.format(Locale.ROOT, "%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
    if (fraction != 0) {
      text += BigDecimal.valueOf(fraction, 6).stripTrailingZeros().toPlainString().substring(1);
    }
    return text;
  }

  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  private static Integer parseWithFormat(String text, String format) {
    try {
      DateTimeFormatter formatter = FORMATTERS.computeIfAbsent(format, pattern -> new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(pattern.replace('y', 'u'))
          .parseDefaulting(ChronoField.YEAR, 1970)
          .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
          .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT));
      return Math.toIntExact(LocalDate.parse(text, formatter).toEpochDay());
    } catch (DateTimeException | ArithmeticException invalid) {
      return null;
    }
  }

  // ---------------------------------------------------------------- strings

  private static String substring(String text, int position, int length) {
    int[] codePoints = text.codePoints().toArray();
    long start = position > 0 ? position - 1L : position < 0 ? codePoints.length + (long) position : 0;
    long end = start + length;
    long from = Math.max(0, start);
    long to = Math.min(end, codePoints.length);
    return from >= to ? "" : new String(codePoints, (int) from, (int) (to - from));
  }

  /** LIKE tokens: code points, with -1 for '_' and -2 for '%'. */
  private static int[] likeTokens(String pattern) {
    int[] codePoints = pattern.codePoints().toArray();
    int[] tokens = new int[codePoints.length];
    int count = 0;
    for (int i = 0; i < codePoints.length; i++) {
      int codePoint = codePoints[i];
      if (codePoint == '\\') {
        int next = codePoints[++i];
        if (next != '_' && next != '%' && next != '\\') {
          throw new IllegalArgumentException("bad escape in " + pattern);
        }
        tokens[count++] = next;
      } else {
        tokens[count++] = codePoint == '_' ? -1 : codePoint == '%' ? -2 : codePoint;
      }
    }
    return java.util.Arrays.copyOf(tokens, count);
  }

  private static boolean like(int[] text, int at, int[] tokens, int token) {
    if (token == tokens.length) {
      return at == text.length;
    }
    return switch (tokens[token]) {
      case -2 -> {
        for (int skip = at; skip <= text.length; skip++) {
          if (like(text, skip, tokens, token + 1)) {
            yield true;
          }
        }
        yield false;
      }
      case -1 -> at < text.length && like(text, at + 1, tokens, token + 1);
      default -> at < text.length && text[at] == tokens[token] && like(text, at + 1, tokens, token + 1);
    };
  }
}
