package dev.ember.core.expression.evaluation;

import static dev.ember.core.expression.evaluation.DifferentialCheck.column;

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

/** Generates random, well-typed expression trees over {@link RandomBatches#SCHEMA}. */
final class RandomExpressions {
  private static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.LONG,
      ColumnType.DOUBLE, ColumnType.STRING, ColumnType.DATE, ColumnType.TIMESTAMP);
  private static final String[] PATTERNS = {"%", "a%", "%b", "%c%", "a_", "_%_", "\\%%", "é", ""};

  private final Random random;
  private final Map<ColumnType, int[]> columns;
  private final Map<ColumnType, List<Object>> literals;

  RandomExpressions(Random random, Map<ColumnType, int[]> columns, Map<ColumnType, List<Object>> literals) {
    this.random = random;
    this.columns = columns;
    this.literals = literals;
  }

  Expression generate(ColumnType type, int depth) {
    if (depth <= 0 || random.nextInt(5) == 0) {
      return leaf(type);
    }
    int next = depth - 1;
    Expression expression = switch (type.kind()) {
      case BOOLEAN -> switch (random.nextInt(11)) {
        case 0, 1 -> {
          ColumnType operands = anyType();
          yield new Comparison(pick(ComparisonOperator.values()), generate(operands, next), generate(operands, next));
        }
        case 2 -> new And(generate(type, next), generate(type, next));
        case 3 -> new Or(generate(type, next), generate(type, next));
        case 4 -> new Not(generate(type, next));
        case 5 -> random.nextBoolean() ? new IsNull(generate(anyType(), next)) : new IsNotNull(generate(anyType(), next));
        case 6 -> {
          ColumnType operands = anyType();
          List<Expression> list = new ArrayList<>();
          int size = 1 + random.nextInt(4);
          for (int i = 0; i < size; i++) {
            list.add(random.nextInt(3) == 0 ? generate(operands, next) : leaf(operands));
          }
          yield new In(generate(operands, next), list);
        }
        case 7 -> new Like(generate(ColumnType.STRING, next), PATTERNS[random.nextInt(PATTERNS.length)]);
        case 8 -> new StringMatch(
            pick(StringMatchOperator.values()), generate(ColumnType.STRING, next), generate(ColumnType.STRING, next));
        default -> common(type, next);
      };
      case INT, LONG, DOUBLE -> switch (random.nextInt(8)) {
        case 0, 1 -> new Arithmetic(pick(ArithmeticOperator.values()), generate(type, next), generate(type, next));
        case 2 -> new Abs(generate(type, next));
        case 3 -> new Round(generate(type, next), random.nextInt(7) - 4);
        case 4 -> type.equals(ColumnType.INT)
            ? (random.nextBoolean()
                ? new Length(generate(ColumnType.STRING, next))
                : new DatePart(pick(DateField.values()), generate(ColumnType.DATE, next)))
            : common(type, next);
        default -> common(type, next);
      };
      case STRING -> switch (random.nextInt(7)) {
        case 0 -> random.nextBoolean() ? new Upper(generate(type, next)) : new Lower(generate(type, next));
        case 1 -> new Concat(List.of(generate(type, next), generate(type, next)));
        case 2 -> new Substring(generate(type, next), random.nextInt(9) - 4, random.nextInt(6) - 1);
        default -> common(type, next);
      };
      case DATE -> switch (random.nextInt(6)) {
        case 0 -> new DateAdd(generate(type, next), generate(ColumnType.INT, next));
        case 1 -> new ToDate(generate(random.nextBoolean() ? ColumnType.STRING : ColumnType.TIMESTAMP, next), null);
        default -> common(type, next);
      };
      case TIMESTAMP -> common(type, next);
      case DECIMAL -> throw new IllegalArgumentException("no DECIMAL");
    };
    return random.nextInt(10) == 0 ? new Alias(expression, "alias", random.nextInt(100)) : expression;
  }

  /** Forms every type has: cast from any type, coalesce, CASE. */
  private Expression common(ColumnType type, int next) {
    return switch (random.nextInt(3)) {
      case 0 -> new Cast(generate(anyType(), next), type);
      case 1 -> new Coalesce(List.of(generate(type, next), generate(type, next)));
      default -> {
        List<Expression> conditions = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        int branches = 1 + random.nextInt(3);
        for (int i = 0; i < branches; i++) {
          conditions.add(generate(ColumnType.BOOLEAN, next));
          values.add(generate(type, next));
        }
        yield new CaseWhen(conditions, values, generate(type, next));
      }
    };
  }

  private Expression leaf(ColumnType type) {
    int choice = random.nextInt(10);
    if (choice < 6) {
      int[] candidates = columns.get(type);
      return column(candidates[random.nextInt(candidates.length)]);
    }
    if (choice == 6) {
      return Literal.nullOf(type);
    }
    if (choice == 7 && type.equals(ColumnType.STRING)) {
      int[] texts = {RandomBatches.NUMBER_TEXT, RandomBatches.DATE_TEXT, RandomBatches.TIMESTAMP_TEXT,
          RandomBatches.BOOLEAN_TEXT};
      return column(texts[random.nextInt(texts.length)]);
    }
    List<Object> values = literals.get(type);
    return new Literal(values.get(random.nextInt(values.size())), type);
  }

  private ColumnType anyType() {
    return TYPES.get(random.nextInt(TYPES.size()));
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
