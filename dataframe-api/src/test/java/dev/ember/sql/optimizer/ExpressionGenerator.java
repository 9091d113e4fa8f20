package dev.ember.sql.optimizer;

import static dev.ember.sql.functions.abs;
import static dev.ember.sql.functions.coalesce;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
import static dev.ember.sql.functions.date_add;
import static dev.ember.sql.functions.dayofmonth;
import static dev.ember.sql.functions.length;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.lower;
import static dev.ember.sql.functions.month;
import static dev.ember.sql.functions.not;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.substring;
import static dev.ember.sql.functions.upper;
import static dev.ember.sql.functions.when;
import static dev.ember.sql.functions.year;

import dev.ember.sql.Column;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;

/**
 * Random typed expressions over a list of columns, each with the DSL text that builds it. Every
 * expression is built to have the type asked for (so analysis rarely fails) and mixes columns with
 * literals, nulls, literal-only subexpressions ({@code lit(1).plus(2)}) and conditions that are
 * always true, always false or always null: the shapes the optimizer's rules rewrite.
 */
final class ExpressionGenerator {
  static final List<String> STRINGS = List.of("", "a", "ab", "abc", "b", "B", "ba", "a%b", "x_y", "hello world");
  private static final List<String> LIKE_PATTERNS = List.of("a%", "%b", "_b%", "%", "a_c", "%a%", "", "x\\_y", "ab");
  static final LocalDate FIRST_DATE = LocalDate.of(2020, 1, 1);

  private final Random random;

  ExpressionGenerator(Random random) {
    this.random = random;
  }

  // ---- values ----

  /** An expression of {@code type} over {@code fields}, nested at most {@code depth} deep. */
  GeneratedColumn value(List<Field> fields, ValueType type, int depth) {
    if (depth <= 0 || random.nextInt(10) < 3) {
      return leaf(fields, type);
    }
    return switch (type) {
      case INT -> intValue(fields, depth - 1);
      case LONG -> longValue(fields, depth - 1);
      case DOUBLE -> doubleValue(fields, depth - 1);
      case STRING -> stringValue(fields, depth - 1);
      case DATE -> dateValue(fields, depth - 1);
      case BOOLEAN -> condition(fields, depth);
    };
  }

  /** A column of {@code type} when there is one (mostly), else a literal. */
  GeneratedColumn leaf(List<Field> fields, ValueType type) {
    List<Field> candidates = fields.stream().filter(field -> field.type() == type).toList();
    if (!candidates.isEmpty() && random.nextInt(10) < 8) {
      return column(pick(candidates));
    }
    return random.nextInt(12) == 0 ? typedNull(type) : literal(type);
  }

  static GeneratedColumn column(Field field) {
    return new GeneratedColumn(col(field.reference()), "col(" + quote(field.reference()) + ")", field.type());
  }

  GeneratedColumn literal(ValueType type) {
    return switch (type) {
      case INT -> {
        int value = random.nextInt(30) - 8;
        yield new GeneratedColumn(lit(value), "lit(" + value + ")", type);
      }
      case LONG -> {
        long value = random.nextInt(20) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(200) - 50;
        yield new GeneratedColumn(lit(value), "lit(" + value + "L)", type);
      }
      case DOUBLE -> {
        double value = (random.nextInt(81) - 40) * 0.25;
        yield new GeneratedColumn(lit(value), "lit(" + value + ")", type);
      }
      case STRING -> {
        String value = pick(STRINGS);
        yield new GeneratedColumn(lit(value), "lit(" + quote(value) + ")", type);
      }
      case DATE -> {
        LocalDate value = FIRST_DATE.plusDays(random.nextInt(70) - 5);
        yield new GeneratedColumn(lit(value), "lit(LocalDate.parse(\"" + value + "\"))", type);
      }
      case BOOLEAN -> {
        boolean value = random.nextBoolean();
        yield new GeneratedColumn(lit(value), "lit(" + value + ")", type);
      }
    };
  }

  static GeneratedColumn typedNull(ValueType type) {
    return new GeneratedColumn(lit(null).cast(type.ddlName()), "lit(null).cast(\"" + type.ddlName() + "\")", type);
  }

  private GeneratedColumn intValue(List<Field> fields, int depth) {
    return switch (random.nextInt(11)) {
      case 0, 1 -> arithmetic(value(fields, ValueType.INT, depth), value(fields, ValueType.INT, depth), ValueType.INT);
      case 2 -> {
        GeneratedColumn left = value(fields, ValueType.INT, depth);
        GeneratedColumn right = value(fields, ValueType.INT, depth);
        yield new GeneratedColumn(left.column().mod(right.column()), left.text() + ".mod(" + right.text() + ")", ValueType.INT);
      }
      case 3 -> {
        GeneratedColumn child = value(fields, ValueType.INT, depth);
        yield new GeneratedColumn(abs(child.column()), "abs(" + child.text() + ")", ValueType.INT);
      }
      case 4 -> {
        GeneratedColumn string = value(fields, ValueType.STRING, depth);
        yield new GeneratedColumn(length(string.column()), "length(" + string.text() + ")", ValueType.INT);
      }
      case 5 -> {
        GeneratedColumn date = value(fields, ValueType.DATE, depth);
        int part = random.nextInt(3);
        Column column = part == 0 ? year(date.column()) : part == 1 ? month(date.column()) : dayofmonth(date.column());
        String name = part == 0 ? "year" : part == 1 ? "month" : "dayofmonth";
        yield new GeneratedColumn(column, name + "(" + date.text() + ")", ValueType.INT);
      }
      case 6 -> constantArithmetic(ValueType.INT);
      case 7 -> cast(fields, ValueType.INT, depth);
      case 8 -> coalesceOf(fields, ValueType.INT, depth);
      default -> caseWhen(fields, ValueType.INT, depth);
    };
  }

  private GeneratedColumn longValue(List<Field> fields, int depth) {
    return switch (random.nextInt(7)) {
      case 0, 1 -> arithmetic(value(fields, ValueType.LONG, depth), value(fields, pick(List.of(ValueType.INT, ValueType.LONG)), depth), ValueType.LONG);
      case 2 -> constantArithmetic(ValueType.LONG);
      case 3 -> cast(fields, ValueType.LONG, depth);
      case 4 -> coalesceOf(fields, ValueType.LONG, depth);
      case 5 -> {
        GeneratedColumn child = value(fields, ValueType.LONG, depth);
        yield new GeneratedColumn(abs(child.column()), "abs(" + child.text() + ")", ValueType.LONG);
      }
      default -> caseWhen(fields, ValueType.LONG, depth);
    };
  }

  private GeneratedColumn doubleValue(List<Field> fields, int depth) {
    return switch (random.nextInt(8)) {
      case 0 -> {
        GeneratedColumn left = value(fields, numericType(), depth);
        GeneratedColumn right = value(fields, numericType(), depth);
        yield new GeneratedColumn(left.column().divide(right.column()), left.text() + ".divide(" + right.text() + ")", ValueType.DOUBLE);
      }
      case 1, 2 -> arithmetic(value(fields, ValueType.DOUBLE, depth), value(fields, numericType(), depth), ValueType.DOUBLE);
      case 3 -> {
        GeneratedColumn child = value(fields, ValueType.DOUBLE, depth);
        int scale = random.nextInt(4) - 1;
        yield new GeneratedColumn(round(child.column(), scale), "round(" + child.text() + ", " + scale + ")", ValueType.DOUBLE);
      }
      case 4 -> cast(fields, ValueType.DOUBLE, depth);
      case 5 -> coalesceOf(fields, ValueType.DOUBLE, depth);
      case 6 -> constantArithmetic(ValueType.DOUBLE);
      default -> caseWhen(fields, ValueType.DOUBLE, depth);
    };
  }

  private GeneratedColumn stringValue(List<Field> fields, int depth) {
    return switch (random.nextInt(8)) {
      case 0 -> {
        GeneratedColumn child = value(fields, ValueType.STRING, depth);
        boolean toUpper = random.nextBoolean();
        yield new GeneratedColumn(toUpper ? upper(child.column()) : lower(child.column()),
            (toUpper ? "upper(" : "lower(") + child.text() + ")", ValueType.STRING);
      }
      case 1 -> {
        GeneratedColumn left = value(fields, ValueType.STRING, depth);
        GeneratedColumn right = value(fields, ValueType.STRING, depth);
        yield new GeneratedColumn(concat(left.column(), right.column()), "concat(" + left.text() + ", " + right.text() + ")", ValueType.STRING);
      }
      case 2 -> {
        GeneratedColumn child = value(fields, ValueType.STRING, depth);
        int position = random.nextInt(5) - 1;
        int length = random.nextInt(4);
        yield new GeneratedColumn(substring(child.column(), position, length),
            "substring(" + child.text() + ", " + position + ", " + length + ")", ValueType.STRING);
      }
      case 3, 4 -> cast(fields, ValueType.STRING, depth);
      case 5 -> coalesceOf(fields, ValueType.STRING, depth);
      case 6 -> {
        GeneratedColumn left = literal(ValueType.STRING);
        GeneratedColumn right = literal(ValueType.STRING);
        yield new GeneratedColumn(concat(left.column(), right.column()), "concat(" + left.text() + ", " + right.text() + ")", ValueType.STRING);
      }
      default -> caseWhen(fields, ValueType.STRING, depth);
    };
  }

  private GeneratedColumn dateValue(List<Field> fields, int depth) {
    return switch (random.nextInt(4)) {
      case 0, 1 -> {
        GeneratedColumn child = value(fields, ValueType.DATE, depth);
        int days = random.nextInt(21) - 10;
        yield new GeneratedColumn(date_add(child.column(), days), "date_add(" + child.text() + ", " + days + ")", ValueType.DATE);
      }
      case 2 -> coalesceOf(fields, ValueType.DATE, depth);
      default -> caseWhen(fields, ValueType.DATE, depth);
    };
  }

  private GeneratedColumn arithmetic(GeneratedColumn left, GeneratedColumn right, ValueType type) {
    return switch (random.nextInt(3)) {
      case 0 -> new GeneratedColumn(left.column().plus(right.column()), left.text() + ".plus(" + right.text() + ")", type);
      case 1 -> new GeneratedColumn(left.column().minus(right.column()), left.text() + ".minus(" + right.text() + ")", type);
      default -> new GeneratedColumn(left.column().multiply(right.column()), left.text() + ".multiply(" + right.text() + ")", type);
    };
  }

  /** A literal-only subexpression such as {@code lit(1).plus(2)}, which constant folding removes. */
  private GeneratedColumn constantArithmetic(ValueType type) {
    GeneratedColumn left = literal(type);
    GeneratedColumn right = random.nextInt(8) == 0 ? typedNull(type) : literal(type);
    return arithmetic(left, right, type);
  }

  private GeneratedColumn cast(List<Field> fields, ValueType target, int depth) {
    List<ValueType> sources = switch (target) {
      case INT, LONG, DOUBLE -> List.of(ValueType.INT, ValueType.LONG, ValueType.DOUBLE, ValueType.STRING, ValueType.BOOLEAN);
      case STRING -> ValueType.ALL;
      case DATE -> List.of(ValueType.STRING, ValueType.DATE);
      case BOOLEAN -> List.of(ValueType.INT, ValueType.STRING, ValueType.BOOLEAN);
    };
    GeneratedColumn child = value(fields, pick(sources), depth);
    return new GeneratedColumn(child.column().cast(target.ddlName()), child.text() + ".cast(\"" + target.ddlName() + "\")", target);
  }

  private GeneratedColumn coalesceOf(List<Field> fields, ValueType type, int depth) {
    int count = 1 + random.nextInt(3);
    List<Column> columns = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GeneratedColumn argument = i == count - 1 && random.nextBoolean() ? literal(type) : value(fields, type, depth);
      columns.add(argument.column());
      texts.add(argument.text());
    }
    return new GeneratedColumn(coalesce(columns.toArray(new Column[0])), "coalesce(" + String.join(", ", texts) + ")", type);
  }

  private GeneratedColumn caseWhen(List<Field> fields, ValueType type, int depth) {
    GeneratedColumn condition = condition(fields, depth);
    GeneratedColumn value = value(fields, type, depth);
    Column column = when(condition.column(), value.column());
    StringBuilder text = new StringBuilder("when(" + condition.text() + ", " + value.text() + ")");
    if (random.nextBoolean()) {
      GeneratedColumn secondCondition = condition(fields, depth);
      GeneratedColumn secondValue = value(fields, type, depth);
      column = column.when(secondCondition.column(), secondValue.column());
      text.append(".when(").append(secondCondition.text()).append(", ").append(secondValue.text()).append(')');
    }
    if (random.nextInt(4) != 0) {
      GeneratedColumn otherwise = value(fields, type, depth);
      column = column.otherwise(otherwise.column());
      text.append(".otherwise(").append(otherwise.text()).append(')');
    }
    return new GeneratedColumn(column, text.toString(), type);
  }

  // ---- conditions ----

  /** A BOOLEAN expression over {@code fields}, nested at most {@code depth} deep. */
  GeneratedColumn condition(List<Field> fields, int depth) {
    if (depth <= 0) {
      return random.nextInt(6) == 0 ? constantCondition(fields) : comparison(fields, 0);
    }
    return switch (random.nextInt(16)) {
      case 0, 1, 2 -> comparison(fields, depth - 1);
      case 3, 4 -> combine(fields, depth, random.nextBoolean());
      case 5 -> {
        GeneratedColumn child = condition(fields, depth - 1);
        yield new GeneratedColumn(not(child.column()), "not(" + child.text() + ")", ValueType.BOOLEAN);
      }
      case 6 -> {
        GeneratedColumn child = value(fields, anyType(), depth - 1);
        boolean isNull = random.nextBoolean();
        yield new GeneratedColumn(isNull ? child.column().isNull() : child.column().isNotNull(),
            child.text() + (isNull ? ".isNull()" : ".isNotNull()"), ValueType.BOOLEAN);
      }
      case 7 -> in(fields, depth - 1);
      case 8 -> between(fields, depth - 1);
      case 9 -> like(fields, depth - 1);
      case 10 -> constantCondition(fields);
      case 11 -> leaf(fields, ValueType.BOOLEAN);
      case 12 -> {
        GeneratedColumn child = condition(fields, depth - 1);
        GeneratedColumn fallback = literal(ValueType.BOOLEAN);
        yield new GeneratedColumn(coalesce(child.column(), fallback.column()),
            "coalesce(" + child.text() + ", " + fallback.text() + ")", ValueType.BOOLEAN);
      }
      case 13 -> caseWhen(fields, ValueType.BOOLEAN, depth - 1);
      case 14 -> cast(fields, ValueType.BOOLEAN, depth - 1);
      default -> comparison(fields, depth - 1);
    };
  }

  private GeneratedColumn combine(List<Field> fields, int depth, boolean and) {
    BinaryOperator<Column> operator = and ? Column::and : Column::or;
    GeneratedColumn left = condition(fields, depth - 1);
    GeneratedColumn right = condition(fields, depth - 1);
    return new GeneratedColumn(operator.apply(left.column(), right.column()),
        left.text() + (and ? ".and(" : ".or(") + right.text() + ")", ValueType.BOOLEAN);
  }

  /** {@code left op right} of one type, the right side often a literal. */
  GeneratedColumn comparison(List<Field> fields, int depth) {
    ValueType type = anyComparableType(fields);
    GeneratedColumn left = value(fields, type, depth);
    GeneratedColumn right = random.nextInt(3) == 0 ? value(fields, type, depth) : literal(type);
    if (random.nextInt(4) == 0 && type.isNumeric()) {
      right = value(fields, numericType(), depth);
    }
    return compare(left, right);
  }

  GeneratedColumn compare(GeneratedColumn left, GeneratedColumn right) {
    Column l = left.column();
    Column r = right.column();
    return switch (random.nextInt(6)) {
      case 0 -> new GeneratedColumn(l.equalTo(r), left.text() + ".equalTo(" + right.text() + ")", ValueType.BOOLEAN);
      case 1 -> new GeneratedColumn(l.notEqual(r), left.text() + ".notEqual(" + right.text() + ")", ValueType.BOOLEAN);
      case 2 -> new GeneratedColumn(l.gt(r), left.text() + ".gt(" + right.text() + ")", ValueType.BOOLEAN);
      case 3 -> new GeneratedColumn(l.geq(r), left.text() + ".geq(" + right.text() + ")", ValueType.BOOLEAN);
      case 4 -> new GeneratedColumn(l.lt(r), left.text() + ".lt(" + right.text() + ")", ValueType.BOOLEAN);
      default -> new GeneratedColumn(l.leq(r), left.text() + ".leq(" + right.text() + ")", ValueType.BOOLEAN);
    };
  }

  /** Always true, always false or always null, possibly spelled with a column. */
  GeneratedColumn constantCondition(List<Field> fields) {
    return switch (random.nextInt(8)) {
      case 0 -> new GeneratedColumn(lit(true), "lit(true)", ValueType.BOOLEAN);
      case 1 -> new GeneratedColumn(lit(false), "lit(false)", ValueType.BOOLEAN);
      case 2 -> new GeneratedColumn(lit(null).cast("boolean"), "lit(null).cast(\"boolean\")", ValueType.BOOLEAN);
      case 3 -> new GeneratedColumn(lit(1).equalTo(lit(1)), "lit(1).equalTo(lit(1))", ValueType.BOOLEAN);
      case 4 -> new GeneratedColumn(lit(1).plus(lit(2)).gt(lit(5)), "lit(1).plus(lit(2)).gt(lit(5))", ValueType.BOOLEAN);
      case 5 -> {
        GeneratedColumn child = value(fields, anyType(), 0);
        yield new GeneratedColumn(child.column().isNull().or(child.column().isNotNull()),
            child.text() + ".isNull().or(" + child.text() + ".isNotNull())", ValueType.BOOLEAN);
      }
      case 6 -> {
        GeneratedColumn child = value(fields, anyType(), 0);
        yield new GeneratedColumn(child.column().equalTo(lit(null)), child.text() + ".equalTo(lit(null))", ValueType.BOOLEAN);
      }
      default -> new GeneratedColumn(not(lit(true)).or(lit(null).cast("boolean")),
          "not(lit(true)).or(lit(null).cast(\"boolean\"))", ValueType.BOOLEAN);
    };
  }

  private GeneratedColumn in(List<Field> fields, int depth) {
    ValueType type = anyComparableType(fields);
    GeneratedColumn child = value(fields, type, depth);
    int count = 1 + random.nextInt(4);
    Object[] values = new Object[count];
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      GeneratedColumn item = random.nextInt(10) == 0 ? typedNull(type) : literal(type);
      values[i] = item.column();
      texts.add(item.text());
    }
    return new GeneratedColumn(child.column().isin(values), child.text() + ".isin(" + String.join(", ", texts) + ")", ValueType.BOOLEAN);
  }

  private GeneratedColumn between(List<Field> fields, int depth) {
    ValueType type = pick(List.of(ValueType.INT, ValueType.LONG, ValueType.DOUBLE, ValueType.STRING, ValueType.DATE));
    GeneratedColumn child = value(fields, type, depth);
    GeneratedColumn lower = literal(type);
    GeneratedColumn upper = literal(type);
    return new GeneratedColumn(child.column().between(lower.column(), upper.column()),
        child.text() + ".between(" + lower.text() + ", " + upper.text() + ")", ValueType.BOOLEAN);
  }

  private GeneratedColumn like(List<Field> fields, int depth) {
    GeneratedColumn child = value(fields, ValueType.STRING, depth);
    return switch (random.nextInt(4)) {
      case 0 -> {
        String prefix = pick(STRINGS);
        yield new GeneratedColumn(child.column().startsWith(prefix), child.text() + ".startsWith(" + quote(prefix) + ")", ValueType.BOOLEAN);
      }
      case 1 -> {
        String part = pick(STRINGS);
        yield new GeneratedColumn(child.column().contains(part), child.text() + ".contains(" + quote(part) + ")", ValueType.BOOLEAN);
      }
      default -> {
        String pattern = pick(LIKE_PATTERNS);
        yield new GeneratedColumn(child.column().like(pattern), child.text() + ".like(" + quote(pattern) + ")", ValueType.BOOLEAN);
      }
    };
  }

  // ---- choices ----

  /** A type to compare: mostly one that some column has, so that comparisons read columns. */
  private ValueType anyComparableType(List<Field> fields) {
    if (!fields.isEmpty() && random.nextInt(5) != 0) {
      return pick(fields).type();
    }
    return anyType();
  }

  private ValueType anyType() {
    return pick(ValueType.ALL);
  }

  private ValueType numericType() {
    return pick(List.of(ValueType.INT, ValueType.LONG, ValueType.DOUBLE));
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
