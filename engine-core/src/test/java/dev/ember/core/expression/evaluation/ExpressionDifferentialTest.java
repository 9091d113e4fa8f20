package dev.ember.core.expression.evaluation;

import static dev.ember.core.expression.evaluation.DifferentialCheck.check;
import static dev.ember.core.expression.evaluation.DifferentialCheck.column;
import static dev.ember.core.expression.evaluation.RandomBatches.BOOLEAN;
import static dev.ember.core.expression.evaluation.RandomBatches.BOOLEAN2;
import static dev.ember.core.expression.evaluation.RandomBatches.BOOLEAN_TEXT;
import static dev.ember.core.expression.evaluation.RandomBatches.DATE;
import static dev.ember.core.expression.evaluation.RandomBatches.DATE2;
import static dev.ember.core.expression.evaluation.RandomBatches.DATE_TEXT;
import static dev.ember.core.expression.evaluation.RandomBatches.DOUBLE;
import static dev.ember.core.expression.evaluation.RandomBatches.DOUBLE2;
import static dev.ember.core.expression.evaluation.RandomBatches.INT;
import static dev.ember.core.expression.evaluation.RandomBatches.INT2;
import static dev.ember.core.expression.evaluation.RandomBatches.LONG;
import static dev.ember.core.expression.evaluation.RandomBatches.LONG2;
import static dev.ember.core.expression.evaluation.RandomBatches.NUMBER_TEXT;
import static dev.ember.core.expression.evaluation.RandomBatches.STRING;
import static dev.ember.core.expression.evaluation.RandomBatches.STRING2;
import static dev.ember.core.expression.evaluation.RandomBatches.TIMESTAMP;
import static dev.ember.core.expression.evaluation.RandomBatches.TIMESTAMP2;
import static dev.ember.core.expression.evaluation.RandomBatches.TIMESTAMP_TEXT;

import dev.ember.core.expression.Abs;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Concat;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.DateField;
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
import dev.ember.core.expression.StringMatchOperator;
import dev.ember.core.expression.Substring;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.types.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every expression record, compiled to kernels, against the row-at-a-time reference on random
 * batches with nulls and edge values: each operand shape (column-column, column-literal,
 * literal-column, literal-literal, null literal), and random expression trees.
 */
class ExpressionDifferentialTest {
  private static final int BATCHES = 5;

  /** For each column type: two columns, and literals that the data hits often. */
  private static final Map<ColumnType, int[]> COLUMNS = Map.of(
      ColumnType.BOOLEAN, new int[] {BOOLEAN, BOOLEAN2},
      ColumnType.INT, new int[] {INT, INT2},
      ColumnType.LONG, new int[] {LONG, LONG2},
      ColumnType.DOUBLE, new int[] {DOUBLE, DOUBLE2},
      ColumnType.STRING, new int[] {STRING, STRING2},
      ColumnType.DATE, new int[] {DATE, DATE2},
      ColumnType.TIMESTAMP, new int[] {TIMESTAMP, TIMESTAMP2});

  private static final Map<ColumnType, List<Object>> LITERALS = Map.of(
      ColumnType.BOOLEAN, List.of(true, false),
      ColumnType.INT, List.of(0, 3, -1, Integer.MIN_VALUE, Integer.MAX_VALUE),
      ColumnType.LONG, List.of(0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE),
      ColumnType.DOUBLE, List.of(0.0, -0.0, 2.5, Double.NaN, Double.NEGATIVE_INFINITY),
      ColumnType.STRING, List.of("", "abc", "a", "😀x"),
      ColumnType.DATE, List.of(0, 18321, -719528),
      ColumnType.TIMESTAMP, List.of(0L, -1L, 1_000_000L));

  private static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.LONG,
      ColumnType.DOUBLE, ColumnType.STRING, ColumnType.DATE, ColumnType.TIMESTAMP);
  private static final List<ColumnType> NUMBERS = List.of(ColumnType.INT, ColumnType.LONG, ColumnType.DOUBLE);

  private static DynamicTest test(Expression expression, long seed) {
    return DynamicTest.dynamicTest(expression.toString(), () -> check(expression, seed, BATCHES));
  }

  /** Operand pairs of one type: column-column (two columns and one column twice), with literals on either side, null literals, both literals. */
  private static List<Expression[]> operandPairs(ColumnType type) {
    int[] columns = COLUMNS.get(type);
    List<Expression[]> pairs = new ArrayList<>();
    pairs.add(new Expression[] {column(columns[0]), column(columns[1])});
    pairs.add(new Expression[] {column(columns[0]), column(columns[0])});
    for (Object value : LITERALS.get(type)) {
      pairs.add(new Expression[] {column(columns[0]), new Literal(value, type)});
      pairs.add(new Expression[] {new Literal(value, type), column(columns[1])});
    }
    pairs.add(new Expression[] {column(columns[0]), Literal.nullOf(type)});
    pairs.add(new Expression[] {Literal.nullOf(type), column(columns[0])});
    Object first = LITERALS.get(type).get(0);
    Object last = LITERALS.get(type).get(LITERALS.get(type).size() - 1);
    pairs.add(new Expression[] {new Literal(first, type), new Literal(last, type)});
    return pairs;
  }

  @TestFactory
  Stream<DynamicTest> arithmetic() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 100;
    for (ColumnType type : NUMBERS) {
      for (ArithmeticOperator operator : ArithmeticOperator.values()) {
        for (Expression[] pair : operandPairs(type)) {
          tests.add(test(new Arithmetic(operator, pair[0], pair[1]), seed++));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> comparison() {
    List<DynamicTest> tests = new ArrayList<>();
    long seed = 200;
    for (ColumnType type : TYPES) {
      for (ComparisonOperator operator : ComparisonOperator.values()) {
        for (Expression[] pair : operandPairs(type)) {
          tests.add(test(new Comparison(operator, pair[0], pair[1]), seed++));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> logic() {
    Expression left = column(BOOLEAN);
    Expression right = column(BOOLEAN2);
    List<Expression> expressions = new ArrayList<>();
    for (Expression other : List.of(right, Literal.of(true), Literal.of(false), Literal.nullOf(ColumnType.BOOLEAN))) {
      expressions.add(new And(left, other));
      expressions.add(new And(other, left));
      expressions.add(new Or(left, other));
      expressions.add(new Or(other, left));
    }
    expressions.add(new Not(left));
    expressions.add(new Not(Literal.nullOf(ColumnType.BOOLEAN)));
    expressions.add(new Not(new And(left, new Comparison(ComparisonOperator.LESS_THAN, column(INT), Literal.of(3)))));
    for (ColumnType type : TYPES) {
      expressions.add(new IsNull(column(COLUMNS.get(type)[0])));
      expressions.add(new IsNotNull(column(COLUMNS.get(type)[1])));
    }
    expressions.add(new IsNull(Literal.nullOf(ColumnType.INT)));
    expressions.add(new IsNotNull(Literal.of("x")));
    expressions.add(new IsNull(new Arithmetic(ArithmeticOperator.DIVIDE, column(DOUBLE), column(DOUBLE2))));
    return numbered(expressions, 300);
  }

  @TestFactory
  Stream<DynamicTest> casts() {
    List<Expression> expressions = new ArrayList<>();
    for (ColumnType from : TYPES) {
      for (ColumnType to : TYPES) {
        expressions.add(new Cast(column(COLUMNS.get(from)[0]), to));
      }
    }
    for (int text : new int[] {NUMBER_TEXT, BOOLEAN_TEXT, DATE_TEXT, TIMESTAMP_TEXT}) {
      for (ColumnType to : TYPES) {
        expressions.add(new Cast(column(text), to));
      }
    }
    // Round trips through text, and chains.
    expressions.add(new Cast(new Cast(column(DOUBLE), ColumnType.STRING), ColumnType.DOUBLE));
    expressions.add(new Cast(new Cast(column(TIMESTAMP), ColumnType.STRING), ColumnType.TIMESTAMP));
    expressions.add(new Cast(new Cast(column(DATE), ColumnType.STRING), ColumnType.DATE));
    expressions.add(new Cast(new Cast(column(LONG), ColumnType.STRING), ColumnType.INT));
    expressions.add(new Cast(Literal.nullOf(ColumnType.STRING), ColumnType.INT));
    expressions.add(new Cast(Literal.of(" 42 "), ColumnType.LONG));
    return numbered(expressions, 400);
  }

  @TestFactory
  Stream<DynamicTest> conditionals() {
    List<Expression> expressions = new ArrayList<>();
    for (ColumnType type : TYPES) {
      int[] columns = COLUMNS.get(type);
      Literal literal = new Literal(LITERALS.get(type).get(1 % LITERALS.get(type).size()), type);
      expressions.add(new Coalesce(List.of(column(columns[0]))));
      expressions.add(new Coalesce(List.of(column(columns[0]), column(columns[1]))));
      expressions.add(new Coalesce(List.of(column(columns[0]), column(columns[1]), literal)));
      expressions.add(new Coalesce(List.of(Literal.nullOf(type), column(columns[1]))));
      expressions.add(new Coalesce(List.of(literal, column(columns[0]))));
      expressions.add(new CaseWhen(List.of(column(BOOLEAN)), List.of(column(columns[0])), column(columns[1])));
      expressions.add(new CaseWhen(
          List.of(column(BOOLEAN), new Comparison(ComparisonOperator.GREATER_THAN, column(INT), Literal.of(0))),
          List.of(column(columns[0]), literal), Literal.nullOf(type)));
      expressions.add(new CaseWhen(
          List.of(Literal.of(false), Literal.nullOf(ColumnType.BOOLEAN), column(BOOLEAN2)),
          List.of(column(columns[1]), column(columns[0]), literal), column(columns[0])));
      expressions.add(new CaseWhen(List.of(Literal.of(true)), List.of(column(columns[1])), literal));
      expressions.add(new CaseWhen(List.of(new IsNotNull(column(columns[0]))), List.of(column(columns[0])), literal));
    }
    return numbered(expressions, 500);
  }

  @TestFactory
  Stream<DynamicTest> in() {
    List<Expression> expressions = new ArrayList<>();
    for (ColumnType type : TYPES) {
      int[] columns = COLUMNS.get(type);
      List<Expression> literals = new ArrayList<>();
      for (Object value : LITERALS.get(type)) {
        literals.add(new Literal(value, type));
      }
      expressions.add(new In(column(columns[0]), literals));
      List<Expression> withNull = new ArrayList<>(literals.subList(0, 1));
      withNull.add(Literal.nullOf(type));
      expressions.add(new In(column(columns[0]), withNull));
      expressions.add(new In(column(columns[0]), List.of(column(columns[1]))));
      expressions.add(new In(column(columns[0]), List.of(literals.get(0), column(columns[1]), Literal.nullOf(type))));
      expressions.add(new In(column(columns[0]), List.of(column(columns[1]), column(columns[0]))));
      expressions.add(new In(literals.get(0), List.of(column(columns[0]), column(columns[1]))));
      expressions.add(new In(Literal.nullOf(type), literals));
    }
    expressions.add(new In(column(INT), List.of(Literal.of(-10), Literal.of(-9), Literal.of(-8), Literal.of(-7),
        Literal.of(0), Literal.of(1), Literal.of(2), Literal.of(3), Literal.of(10), Literal.of(3))));
    expressions.add(new In(column(DOUBLE), List.of(Literal.of(0.0), Literal.of(Double.NaN), Literal.of(-2.5))));
    return numbered(expressions, 600);
  }

  @TestFactory
  Stream<DynamicTest> strings() {
    List<Expression> expressions = new ArrayList<>();
    Expression text = column(STRING);
    for (String pattern : List.of("", "%", "%%", "a", "abc", "a%", "%c", "%b%", "a_c", "_", "__", "%_", "_%", "a%c",
        "%a%b%", "\\%", "a\\_c", "%\\\\%", "😀%", "_😀%", "%é", "A%", "line%", "%\n%", "a%%c", "%a_")) {
      expressions.add(new Like(text, pattern));
    }
    for (StringMatchOperator operator : StringMatchOperator.values()) {
      expressions.add(new StringMatch(operator, text, column(STRING2)));
      expressions.add(new StringMatch(operator, text, text));
      for (String literal : List.of("", "a", "ab", "😀", "c")) {
        expressions.add(new StringMatch(operator, text, Literal.of(literal)));
      }
      expressions.add(new StringMatch(operator, text, Literal.nullOf(ColumnType.STRING)));
      expressions.add(new StringMatch(operator, Literal.of("abcabc"), text));
    }
    expressions.add(new Upper(text));
    expressions.add(new Lower(text));
    expressions.add(new Length(text));
    expressions.add(new Length(Literal.of("a😀b")));
    expressions.add(new Concat(List.of()));
    expressions.add(new Concat(List.of(text)));
    expressions.add(new Concat(List.of(text, column(STRING2))));
    expressions.add(new Concat(List.of(text, Literal.of("-"), column(STRING2), text)));
    expressions.add(new Concat(List.of(text, Literal.nullOf(ColumnType.STRING))));
    for (int position : new int[] {Integer.MIN_VALUE, -100, -3, -1, 0, 1, 2, 5, 100, Integer.MAX_VALUE}) {
      for (int length : new int[] {Integer.MIN_VALUE, -1, 0, 1, 2, 3, 100, Integer.MAX_VALUE}) {
        expressions.add(new Substring(text, position, length));
      }
    }
    return numbered(expressions, 700);
  }

  @TestFactory
  Stream<DynamicTest> mathematics() {
    List<Expression> expressions = new ArrayList<>();
    for (ColumnType type : NUMBERS) {
      Expression number = column(COLUMNS.get(type)[0]);
      expressions.add(new Abs(number));
      for (int scale : new int[] {-20, -19, -18, -10, -9, -3, -2, -1, 0, 1, 2, 3, 10, 400}) {
        expressions.add(new Round(number, scale));
      }
    }
    expressions.add(new Abs(Literal.of(Integer.MIN_VALUE)));
    expressions.add(new Round(Literal.nullOf(ColumnType.DOUBLE), 0));
    return numbered(expressions, 800);
  }

  @TestFactory
  Stream<DynamicTest> dates() {
    List<Expression> expressions = new ArrayList<>();
    for (DateField field : DateField.values()) {
      expressions.add(new DatePart(field, column(DATE)));
      expressions.add(new DatePart(field, new Cast(column(DATE_TEXT), ColumnType.DATE)));
    }
    expressions.add(new DateAdd(column(DATE), column(INT)));
    expressions.add(new DateAdd(column(DATE), Literal.of(30)));
    expressions.add(new DateAdd(column(DATE), Literal.of(-1)));
    expressions.add(new DateAdd(column(DATE), Literal.nullOf(ColumnType.INT)));
    expressions.add(new DateAdd(new Literal(18321, ColumnType.DATE), column(INT2)));
    expressions.add(new ToDate(column(DATE_TEXT), null));
    expressions.add(new ToDate(column(TIMESTAMP_TEXT), null));
    expressions.add(new ToDate(column(TIMESTAMP), null));
    expressions.add(new ToDate(column(DATE), null));
    for (String format : List.of("yyyy-MM-dd", "dd/MM/yyyy", "yyyy-MM", "yyyy", "yyyy-M-d", "yyyy-MM-dd HH:mm:ss",
        "MM/dd/yyyy")) {
      expressions.add(new ToDate(column(DATE_TEXT), format));
      expressions.add(new ToDate(column(TIMESTAMP_TEXT), format));
    }
    expressions.add(new ToDate(column(TIMESTAMP), "yyyy"));
    return numbered(expressions, 900);
  }

  @TestFactory
  Stream<DynamicTest> aliasesAndReferences() {
    List<Expression> expressions = new ArrayList<>();
    for (int ordinal = 0; ordinal < RandomBatches.SCHEMA.size(); ordinal++) {
      expressions.add(column(ordinal));
      expressions.add(new Alias(column(ordinal), "copy", ordinal));
    }
    for (ColumnType type : TYPES) {
      expressions.add(new Literal(LITERALS.get(type).get(0), type));
      expressions.add(Literal.nullOf(type));
    }
    return numbered(expressions, 1000);
  }

  /** Random trees of every record type, up to four levels deep, checked as a whole. */
  @TestFactory
  Stream<DynamicTest> randomTrees() {
    Random random = new Random(20261124);
    RandomExpressions generator = new RandomExpressions(random, COLUMNS, LITERALS);
    List<Expression> expressions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      expressions.add(generator.generate(TYPES.get(random.nextInt(TYPES.size())), 4));
    }
    return numbered(expressions, 5000);
  }

  private static Stream<DynamicTest> numbered(List<Expression> expressions, long firstSeed) {
    long[] seed = {firstSeed};
    return expressions.stream().map(expression -> test(expression, seed[0]++));
  }
}
