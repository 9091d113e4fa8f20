package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.core.expression.Abs;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
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
import dev.ember.core.expression.UserFunction;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;

/** Resolves {@link FunctionCall}s by name: operators, scalar functions and aggregates, with their type rules. */
final class FunctionResolver {
  private final ExpressionResolver resolver;

  FunctionResolver(ExpressionResolver resolver) {
    this.resolver = resolver;
  }

  Expression resolve(FunctionCall call) {
    return switch (call.name()) {
      case "+" -> arithmetic(call, ArithmeticOperator.ADD);
      case "-" -> arithmetic(call, ArithmeticOperator.SUBTRACT);
      case "*" -> arithmetic(call, ArithmeticOperator.MULTIPLY);
      case "/" -> arithmetic(call, ArithmeticOperator.DIVIDE);
      case "%" -> arithmetic(call, ArithmeticOperator.REMAINDER);
      case "=" -> comparison(call, ComparisonOperator.EQUAL);
      case "!=" -> comparison(call, ComparisonOperator.NOT_EQUAL);
      case "<" -> comparison(call, ComparisonOperator.LESS_THAN);
      case "<=" -> comparison(call, ComparisonOperator.LESS_THAN_OR_EQUAL);
      case ">" -> comparison(call, ComparisonOperator.GREATER_THAN);
      case ">=" -> comparison(call, ComparisonOperator.GREATER_THAN_OR_EQUAL);
      case "and", "or" -> {
        arity(call, 2, 2);
        Expression left = requireBoolean(call, call.arguments().get(0), argument(call, 0), 1);
        Expression right = requireBoolean(call, call.arguments().get(1), argument(call, 1), 2);
        yield call.name().equals("and") ? new And(left, right) : new Or(left, right);
      }
      case "not" -> {
        arity(call, 1, 1);
        yield new Not(requireBoolean(call, call.arguments().get(0), argument(call, 0), 1));
      }
      case "isnull" -> {
        arity(call, 1, 1);
        yield new IsNull(argument(call, 0));
      }
      case "isnotnull" -> {
        arity(call, 1, 1);
        yield new IsNotNull(argument(call, 0));
      }
      case "in" -> in(call);
      case "between" -> between(call);
      case "like" -> {
        arity(call, 2, 2);
        yield new Like(string(call, 0), constantString(call, 1, false));
      }
      case "startswith" -> stringMatch(call, StringMatchOperator.STARTS_WITH);
      case "endswith" -> stringMatch(call, StringMatchOperator.ENDS_WITH);
      case "contains" -> stringMatch(call, StringMatchOperator.CONTAINS);
      case "coalesce" -> {
        arity(call, 1, Integer.MAX_VALUE);
        List<Expression> arguments = arguments(call);
        ColumnType type = resolver.commonType(call, "coalesce", arguments);
        yield new Coalesce(arguments.stream().map(argument -> TypeCoercion.cast(argument, type)).toList());
      }
      case "upper" -> {
        arity(call, 1, 1);
        yield new Upper(string(call, 0));
      }
      case "lower" -> {
        arity(call, 1, 1);
        yield new Lower(string(call, 0));
      }
      case "length" -> {
        arity(call, 1, 1);
        yield new Length(string(call, 0));
      }
      case "concat" -> {
        List<Expression> parts = new ArrayList<>();
        for (int i = 0; i < call.arguments().size(); i++) {
          parts.add(string(call, i));
        }
        yield new Concat(parts);
      }
      case "substring" -> {
        arity(call, 2, 3);
        int length = call.arguments().size() == 3 ? constantInt(call, 2) : Integer.MAX_VALUE;
        yield new Substring(string(call, 0), constantInt(call, 1), length);
      }
      case "abs" -> {
        arity(call, 1, 1);
        yield new Abs(numeric(call, 0));
      }
      case "round" -> {
        arity(call, 1, 2);
        int scale = call.arguments().size() == 2 ? constantInt(call, 1) : 0;
        yield new Round(numeric(call, 0), scale);
      }
      case "year" -> datePart(call, DateField.YEAR);
      case "month" -> datePart(call, DateField.MONTH);
      case "dayofmonth" -> datePart(call, DateField.DAY_OF_MONTH);
      case "to_date" -> toDate(call);
      case "date_add" -> {
        arity(call, 2, 2);
        yield new DateAdd(date(call, 0), days(call, 1));
      }
      case "count" -> {
        arity(call, 1, Integer.MAX_VALUE);
        boolean star = call.arguments().stream().anyMatch(a -> a instanceof ColumnName c && c.name().equals("*"));
        yield star
            ? resolver.aggregate(new FunctionCall("count_star", List.of()), arguments -> AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()))
            : resolver.aggregate(call, arguments -> AggregateFunction.of(AggregateKind.COUNT, arguments));
      }
      case "count_star" -> {
        arity(call, 0, 0);
        yield resolver.aggregate(call, arguments -> AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));
      }
      case "count_distinct" -> {
        arity(call, 1, Integer.MAX_VALUE);
        yield resolver.aggregate(call, arguments -> AggregateFunction.of(AggregateKind.COUNT_DISTINCT, arguments));
      }
      case "sum" -> numericAggregate(call, AggregateKind.SUM);
      case "avg" -> numericAggregate(call, AggregateKind.AVG);
      case "min" -> singleAggregate(call, AggregateKind.MIN);
      case "max" -> singleAggregate(call, AggregateKind.MAX);
      case "first" -> singleAggregate(call, AggregateKind.FIRST);
      // Internal: the value of an uncorrelated scalar subquery (RewriteScalarSubquery).
      case "single_value" -> singleAggregate(call, AggregateKind.SINGLE_VALUE);
      default -> {
        UserFunction registered = resolver.userFunctions().find(call.name());
        if (registered != null) {
          yield resolveUserFunction(registered, call, call.arguments());
        }
        throw unresolvedRoutine(call);
      }
    };
  }

  /**
   * Names the analyzer resolves itself; a user function cannot be registered under one of them
   * (it would never be called).
   */
  private static final java.util.Set<String> BUILT_IN_NAMES = java.util.Set.of("+", "-", "*", "/", "%", "=", "!=", "<",
      "<=", ">", ">=", "and", "or", "not", "isnull", "isnotnull", "in", "between", "like", "startswith", "endswith",
      "contains", "coalesce", "upper", "lower", "length", "concat", "substring", "abs", "round", "year", "month",
      "dayofmonth", "to_date", "date_add", "count", "count_star", "count_distinct", "sum", "avg", "min", "max", "first",
      "single_value");

  /** Whether {@code name} (lower case) is a function the analyzer resolves itself. */
  static boolean isBuiltIn(String name) {
    return BUILT_IN_NAMES.contains(name);
  }

  /**
   * A user function on its arguments, which it receives as they are (a Java UDF declares no
   * argument types, so nothing is cast); the wrong number of arguments fails here.
   */
  Expression resolveUserFunction(UserFunction function, UnresolvedExpression call, List<UnresolvedExpression> written) {
    if (written.size() != function.arity()) {
      throw new AnalysisFailure("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The user defined function `" + function.name()
          + "` requires " + function.arity() + " parameters but the actual number is " + written.size() + " in \""
          + call + "\".");
    }
    List<Expression> arguments = new ArrayList<>(written.size());
    for (UnresolvedExpression argument : written) {
      Expression resolved = resolver.resolve(argument);
      // An untyped null (SQL's NULL, lit(null)) reaches the function as a null string, as in Spark.
      arguments.add(Literals.isUntypedNull(resolved) ? TypeCoercion.cast(resolved, ColumnType.STRING) : resolved);
    }
    return new UserFunctionCall(function, arguments);
  }

  private static AnalysisFailure unresolvedRoutine(FunctionCall call) {
    return new AnalysisFailure("[UNRESOLVED_ROUTINE] Cannot resolve function `" + call.name() + "` in \""
          + call + "\". Ember knows: + - * / % = != < <= > >= and or not isnull isnotnull in between like startswith"
          + " endswith contains coalesce upper lower length abs concat substring round year month dayofmonth to_date"
          + " date_add count count_distinct sum avg min max first, and the user defined functions registered with"
          + " session.udf().register.");
  }

  private Expression arithmetic(FunctionCall call, ArithmeticOperator operator) {
    arity(call, 2, 2);
    Expression left = argument(call, 0);
    Expression right = argument(call, 1);
    if (Literals.isUntypedNull(left) && Literals.isUntypedNull(right)) {
      return Literal.nullOf(ColumnType.DOUBLE);
    }
    if (Literals.isUntypedNull(left)) {
      left = Literal.nullOf(right.type().kind() == TypeKind.STRING ? ColumnType.DOUBLE : right.type());
    }
    if (Literals.isUntypedNull(right)) {
      right = Literal.nullOf(left.type().kind() == TypeKind.STRING ? ColumnType.DOUBLE : left.type());
    }
    ColumnType leftType = left.type();
    ColumnType rightType = right.type();
    // Spark turns date + days and date - days into date_add.
    if (leftType.kind() == TypeKind.DATE && rightType.kind() == TypeKind.INT) {
      if (operator == ArithmeticOperator.ADD) {
        return new DateAdd(left, right);
      }
      if (operator == ArithmeticOperator.SUBTRACT) {
        return new DateAdd(left, new Arithmetic(ArithmeticOperator.SUBTRACT, Literal.of(0), right));
      }
    }
    if (operator == ArithmeticOperator.ADD && leftType.kind() == TypeKind.INT && rightType.kind() == TypeKind.DATE) {
      return new DateAdd(right, left);
    }
    // A string in arithmetic is read as a DOUBLE (non-ANSI: '1' + 1 = 2.0).
    if (leftType.kind() == TypeKind.STRING && ExpressionResolver.isNumericOrString(rightType)) {
      left = TypeCoercion.cast(left, ColumnType.DOUBLE);
    }
    if (rightType.kind() == TypeKind.STRING && ExpressionResolver.isNumericOrString(leftType)) {
      right = TypeCoercion.cast(right, ColumnType.DOUBLE);
    }
    if (TypeCoercion.decimalOperands(left.type(), right.type())) {
      // Each operand keeps its own precision and scale; Arithmetic derives Spark's result type.
      return new Arithmetic(operator, TypeCoercion.cast(left, TypeCoercion.decimalOperandType(left)),
          TypeCoercion.cast(right, TypeCoercion.decimalOperandType(right)));
    }
    if (left.type().isNumeric() && right.type().isNumeric()) {
      ColumnType type = operator == ArithmeticOperator.DIVIDE
          ? ColumnType.DOUBLE
          : TypeCoercion.widerNumeric(left.type(), right.type());
      return new Arithmetic(operator, TypeCoercion.cast(left, type), TypeCoercion.cast(right, type));
    }
    if (!leftType.equals(rightType)) {
      throw differentTypes(call, leftType, rightType);
    }
    throw new AnalysisFailure(ExpressionResolver.mismatch(call, "the binary operator requires the input type"
        + " (\"NUMERIC\"), not " + TypeNames.quoted(leftType) + ".", "BINARY_OP_WRONG_TYPE"));
  }

  private Expression comparison(FunctionCall call, ComparisonOperator operator) {
    arity(call, 2, 2);
    return compare(call, operator, argument(call, 0), argument(call, 1));
  }

  private Expression compare(UnresolvedExpression call, ComparisonOperator operator, Expression left, Expression right) {
    ColumnType type;
    if (Literals.isUntypedNull(left) && Literals.isUntypedNull(right)) {
      type = ColumnType.STRING;
    } else if (Literals.isUntypedNull(left)) {
      type = right.type();
    } else if (Literals.isUntypedNull(right)) {
      type = left.type();
    } else if (TypeCoercion.decimalOperands(left.type(), right.type())) {
      type = dev.ember.core.types.DecimalTypes.wider(
          TypeCoercion.decimalOperandType(left), TypeCoercion.decimalOperandType(right));
    } else {
      type = TypeCoercion.comparisonType(left.type(), right.type());
      if (type == null) {
        throw differentTypes(call, left.type(), right.type());
      }
    }
    return new Comparison(operator, TypeCoercion.cast(left, type), TypeCoercion.cast(right, type));
  }

  private Expression between(FunctionCall call) {
    arity(call, 3, 3);
    Expression value = argument(call, 0);
    Expression lower = compare(call, ComparisonOperator.GREATER_THAN_OR_EQUAL, value, argument(call, 1));
    Expression upper = compare(call, ComparisonOperator.LESS_THAN_OR_EQUAL, value, argument(call, 2));
    return new And(lower, upper);
  }

  private Expression in(FunctionCall call) {
    arity(call, 1, Integer.MAX_VALUE);
    List<Expression> all = arguments(call);
    ColumnType type = resolver.commonType(call, "in", all);
    List<Expression> cast = all.stream().map(argument -> TypeCoercion.cast(argument, type)).toList();
    return new In(cast.get(0), cast.subList(1, cast.size()));
  }

  private Expression stringMatch(FunctionCall call, StringMatchOperator operator) {
    arity(call, 2, 2);
    return new StringMatch(operator, string(call, 0), string(call, 1));
  }

  private Expression datePart(FunctionCall call, DateField field) {
    arity(call, 1, 1);
    return new DatePart(field, date(call, 0));
  }

  private Expression toDate(FunctionCall call) {
    arity(call, 1, 2);
    Expression child = argument(call, 0);
    String format = call.arguments().size() == 2 ? constantString(call, 1, true) : null;
    if (format != null) {
      // A bad pattern fails here, where the DataFrame is built, not in every task of the job.
      try {
        ToDate.formatter(format);
      } catch (IllegalArgumentException invalid) {
        throw new AnalysisFailure("[INVALID_PARAMETER_VALUE.PATTERN] Cannot resolve \"" + call
            + "\": the format '" + format + "' is not a valid datetime pattern: "
            + invalid.getCause().getMessage());
      }
    }
    if (Literals.isUntypedNull(child)) {
      return Literal.nullOf(ColumnType.DATE);
    }
    TypeKind kind = child.type().kind();
    if (kind != TypeKind.STRING && kind != TypeKind.DATE && kind != TypeKind.TIMESTAMP) {
      throw unexpectedType(call, 1, "(\"STRING\" or \"DATE\" or \"TIMESTAMP\")", call.arguments().get(0), child.type());
    }
    return new ToDate(child, format);
  }

  private Expression numericAggregate(FunctionCall call, AggregateKind kind) {
    arity(call, 1, 1);
    return resolver.aggregate(call, arguments -> {
      Expression argument = arguments.get(0);
      if (Literals.isUntypedNull(argument) || argument.type().kind() == TypeKind.STRING) {
        argument = TypeCoercion.cast(argument, ColumnType.DOUBLE);
      }
      if (!argument.type().isNumeric()) {
        throw unexpectedType(call, 1, "\"NUMERIC\"", call.arguments().get(0), argument.type());
      }
      return AggregateFunction.of(kind, List.of(argument));
    });
  }

  private Expression singleAggregate(FunctionCall call, AggregateKind kind) {
    arity(call, 1, 1);
    return resolver.aggregate(call, arguments -> AggregateFunction.of(kind, arguments));
  }

  /** A BOOLEAN operand: an untyped null becomes a BOOLEAN null, a STRING is cast (non-ANSI), anything else fails. */
  Expression requireBoolean(UnresolvedExpression call, UnresolvedExpression written, Expression operand, int position) {
    if (Literals.isUntypedNull(operand) || operand.type().kind() == TypeKind.STRING) {
      return TypeCoercion.cast(operand, ColumnType.BOOLEAN);
    }
    if (operand.type().kind() != TypeKind.BOOLEAN) {
      throw unexpectedType(call, position, "\"BOOLEAN\"", written, operand.type());
    }
    return operand;
  }

  /** Argument {@code index} as a STRING: other types are cast, as Spark's string functions do. */
  private Expression string(FunctionCall call, int index) {
    return TypeCoercion.cast(argument(call, index), ColumnType.STRING);
  }

  /** Argument {@code index} as a number: a STRING (or untyped null) is cast to DOUBLE. */
  private Expression numeric(FunctionCall call, int index) {
    Expression argument = argument(call, index);
    if (Literals.isUntypedNull(argument) || argument.type().kind() == TypeKind.STRING) {
      return TypeCoercion.cast(argument, ColumnType.DOUBLE);
    }
    if (!argument.type().isNumeric()) {
      throw unexpectedType(call, index + 1, "\"NUMERIC\"", call.arguments().get(index), argument.type());
    }
    return argument;
  }

  /** Argument {@code index} as a DATE: TIMESTAMP and STRING are cast to DATE. */
  private Expression date(FunctionCall call, int index) {
    Expression argument = argument(call, index);
    TypeKind kind = argument.type().kind();
    if (Literals.isUntypedNull(argument) || kind == TypeKind.STRING || kind == TypeKind.TIMESTAMP) {
      return TypeCoercion.cast(argument, ColumnType.DATE);
    }
    if (kind != TypeKind.DATE) {
      throw unexpectedType(call, index + 1, "\"DATE\"", call.arguments().get(index), argument.type());
    }
    return argument;
  }

  /** A number of days: INT; a STRING or untyped null is cast to INT. */
  private Expression days(FunctionCall call, int index) {
    Expression argument = argument(call, index);
    TypeKind kind = argument.type().kind();
    if (Literals.isUntypedNull(argument) || kind == TypeKind.STRING) {
      return TypeCoercion.cast(argument, ColumnType.INT);
    }
    if (kind != TypeKind.INT) {
      throw unexpectedType(call, index + 1, "\"INT\"", call.arguments().get(index), argument.type());
    }
    return argument;
  }

  private Expression argument(FunctionCall call, int index) {
    return resolver.resolve(call.arguments().get(index));
  }

  private List<Expression> arguments(FunctionCall call) {
    List<Expression> resolved = new ArrayList<>();
    for (UnresolvedExpression argument : call.arguments()) {
      resolved.add(resolver.resolve(argument));
    }
    return resolved;
  }

  private static int constantInt(FunctionCall call, int index) {
    if (call.arguments().get(index) instanceof LiteralValue(Object value)) {
      if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
        return ((Number) value).intValue();
      }
      if (value instanceof Long longValue && longValue == longValue.intValue()) {
        return longValue.intValue();
      }
    }
    throw new AnalysisFailure("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"" + call
        + "\": parameter " + (index + 1) + " of `" + call.name() + "` must be an integer constant, got \""
        + call.arguments().get(index) + "\".");
  }

  private static String constantString(FunctionCall call, int index, boolean nullAllowed) {
    if (call.arguments().get(index) instanceof LiteralValue(Object value)
        && (value instanceof String || (nullAllowed && value == null))) {
      return (String) value;
    }
    throw new AnalysisFailure("[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve \"" + call
        + "\": parameter " + (index + 1) + " of `" + call.name() + "` must be a string constant, got \""
        + call.arguments().get(index) + "\".");
  }

  private static void arity(FunctionCall call, int minimum, int maximum) {
    int actual = call.arguments().size();
    if (actual < minimum || actual > maximum) {
      String expected = minimum == maximum ? String.valueOf(minimum)
          : maximum == Integer.MAX_VALUE ? "at least " + minimum : "[" + minimum + ", " + maximum + "]";
      throw new AnalysisFailure("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `" + call.name() + "` requires " + expected
          + " parameters but the actual number is " + actual + ".");
    }
  }

  private static AnalysisFailure differentTypes(UnresolvedExpression call, ColumnType left, ColumnType right) {
    return new AnalysisFailure(ExpressionResolver.mismatch(call, "the left and right operands of the binary operator"
        + " have incompatible types (" + TypeNames.quoted(left) + " and " + TypeNames.quoted(right) + ").",
        "BINARY_OP_DIFF_TYPES"));
  }

  private static AnalysisFailure unexpectedType(
      UnresolvedExpression call, int position, String required, UnresolvedExpression written, ColumnType actual) {
    return new AnalysisFailure(ExpressionResolver.mismatch(call, "Parameter " + position + " requires the " + required
        + " type, however \"" + written + "\" has the type " + TypeNames.quoted(actual) + ".", "UNEXPECTED_INPUT_TYPE"));
  }
}
