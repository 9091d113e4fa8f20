package dev.ember.catalyst.analysis;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.BoundColumn;
import dev.ember.catalyst.expression.UnresolvedExpression.CaseWhenCall;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.ColumnName;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.UserFunctionApplication;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.Named;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves one {@link UnresolvedExpression} against an operator's input attributes: names to
 * attributes, Java values to literals, calls to typed expressions with Spark's implicit casts
 * ({@link TypeCoercion}). Aggregate calls are handed to an {@link AggregateCollector} when the
 * operator allows them (an aggregate), and are a failure anywhere else.
 */
final class ExpressionResolver {

  /** Receives each aggregate call found; returns the attribute that stands for its result. */
  interface AggregateCollector {
    AttributeReference collect(AggregateFunction function, String displayName);
  }

  private final List<AttributeReference> input;
  private final String operator;
  private final AggregateCollector collector;
  private final Set<Long> ambiguousIds;
  private final FunctionResolver functions;
  private final UserFunctionRegistry userFunctions;
  private boolean insideAggregate;

  /**
   * @param operator the DataFrame operation, named in messages ("filter", "select", ...)
   * @param collector null when aggregate functions are not allowed
   * @param ambiguousIds ids that a column bound to a DataFrame must not use (both sides of a self-join have them)
   */
  ExpressionResolver(UserFunctionRegistry userFunctions, List<AttributeReference> input, String operator,
      AggregateCollector collector, Set<Long> ambiguousIds) {
    this.userFunctions = Objects.requireNonNull(userFunctions, "userFunctions is null");
    this.input = List.copyOf(Objects.requireNonNull(input, "input is null"));
    this.operator = Objects.requireNonNull(operator, "operator is null");
    this.collector = collector;
    this.ambiguousIds = Set.copyOf(ambiguousIds);
    this.functions = new FunctionResolver(this);
  }

  ExpressionResolver(UserFunctionRegistry userFunctions, List<AttributeReference> input, String operator) {
    this(userFunctions, input, operator, null, Set.of());
  }

  UserFunctionRegistry userFunctions() {
    return userFunctions;
  }

  List<AttributeReference> input() {
    return input;
  }

  Expression resolve(UnresolvedExpression expression) {
    return switch (expression) {
      case ColumnName column -> {
        if (NameResolution.isStar(column.name())) {
          throw new AnalysisFailure("[INVALID_USAGE_OF_STAR_OR_REGEX] Invalid usage of " + NameResolution.quoted(column.name())
              + " in " + operator + ": a star is only allowed as a whole column of select.");
        }
        yield NameResolution.resolve(input, column.name());
      }
      case BoundColumn bound -> resolveBound(bound.attribute());
      case LiteralValue literal -> Literals.of(literal.value());
      case FunctionCall call -> functions.resolve(call);
      case CaseWhenCall caseWhen -> resolveCaseWhen(caseWhen);
      case UserFunctionApplication application -> functions.resolveUserFunction(application.function(),
          application, application.arguments());
      case CastTo cast -> resolveCast(cast);
      // An alias inside an expression names nothing: Spark drops it.
      case Named named -> resolve(named.child());
      case SortKey key -> throw new AnalysisFailure("Sort directions are only allowed in orderBy/sort, not in "
          + operator + ": \"" + key + "\".");
    };
  }

  private AttributeReference resolveBound(AttributeReference attribute) {
    if (ambiguousIds.contains(attribute.id())) {
      throw new AnalysisFailure("[AMBIGUOUS_COLUMN_REFERENCE] Column " + NameResolution.quoted(attribute.name())
          + " is ambiguous. It's because you joined several DataFrames together, and some of these DataFrames are"
          + " the same. This column points to one of the DataFrames but Ember is unable to figure out which one."
          + " Please alias the DataFrames with different names via `DataFrame.alias` before joining them, and"
          + " specify the column using qualified name, e.g. `df.alias(\"a\").join(df.alias(\"b\"),"
          + " col(\"a.id\").gt(col(\"b.id\")))`.");
    }
    for (AttributeReference candidate : input) {
      if (candidate.id() == attribute.id()) {
        return candidate;
      }
    }
    throw new AnalysisFailure("[MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE] Resolved attribute(s) \"" + attribute
        + "\" missing from " + String.join(", ", input.stream().map(a -> "\"" + a + "\"").toList()) + " in operator "
        + operator + ": the column belongs to another DataFrame. Refer to it by name, or through the DataFrame it"
        + " comes from.");
  }

  private Expression resolveCaseWhen(CaseWhenCall call) {
    List<Expression> conditions = new ArrayList<>();
    for (int i = 0; i < call.conditions().size(); i++) {
      conditions.add(functions.requireBoolean(call, call.conditions().get(i), resolve(call.conditions().get(i)), 2 * i + 1));
    }
    List<Expression> branches = new ArrayList<>();
    for (UnresolvedExpression value : call.values()) {
      branches.add(resolve(value));
    }
    if (call.otherwise() != null) {
      branches.add(resolve(call.otherwise()));
    }
    ColumnType type = commonType(call, "casewhen", branches);
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < call.values().size(); i++) {
      values.add(TypeCoercion.cast(branches.get(i), type));
    }
    Expression otherwise = call.otherwise() == null
        ? Literal.nullOf(type)
        : TypeCoercion.cast(branches.get(branches.size() - 1), type);
    return new CaseWhen(conditions, values, otherwise);
  }

  /** The wider common type of {@code expressions}, or a failure naming their types. */
  ColumnType commonType(UnresolvedExpression call, String function, List<Expression> expressions) {
    ColumnType type = TypeCoercion.widerCommon(expressions);
    if (type == null) {
      List<String> types = expressions.stream().map(e -> TypeNames.quoted(e.type())).toList();
      throw new AnalysisFailure(mismatch(call, "Input to `" + function + "` should all be the same type, but it's "
          + types + ".", "DATA_DIFF_TYPES"));
    }
    return type;
  }

  private Expression resolveCast(CastTo cast) {
    Expression child = resolve(cast.child());
    if (Literals.isUntypedNull(child)) {
      return Literal.nullOf(cast.type());
    }
    if (!TypeCoercion.canCast(child.type(), cast.type())) {
      throw new AnalysisFailure(mismatch(cast, "cannot cast " + TypeNames.quoted(child.type()) + " to "
          + TypeNames.quoted(cast.type()) + ".", "CAST_WITHOUT_SUGGESTION"));
    }
    return child.type().equals(cast.type()) ? child : new Cast(child, cast.type());
  }

  /** Resolves the arguments of an aggregate call and hands the call to the collector. */
  AttributeReference aggregate(FunctionCall call, Function<List<Expression>, AggregateFunction> build) {
    if (collector == null) {
      throw new AnalysisFailure("aggregate functions are not allowed in " + operator + ": \"" + call
          + "\". Aggregate with groupBy(...).agg(...) or agg(...).");
    }
    if (insideAggregate) {
      throw new AnalysisFailure("[NESTED_AGGREGATE_FUNCTION] It is not allowed to use an aggregate function in the"
          + " argument of another aggregate function: \"" + call + "\".");
    }
    insideAggregate = true;
    List<Expression> arguments = new ArrayList<>();
    try {
      for (UnresolvedExpression argument : call.arguments()) {
        arguments.add(resolve(argument));
      }
    } finally {
      insideAggregate = false;
    }
    return collector.collect(build.apply(arguments), DisplayNames.of(call));
  }

  static String mismatch(UnresolvedExpression expression, String detail, String subclass) {
    return "[DATATYPE_MISMATCH." + subclass + "] Cannot resolve \"" + expression + "\" due to data type mismatch: "
        + detail;
  }

  static boolean isNumericOrString(ColumnType type) {
    return type.isNumeric() || type.kind() == TypeKind.STRING;
  }
}
