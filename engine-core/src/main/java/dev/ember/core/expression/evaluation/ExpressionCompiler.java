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
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a bound expression tree into a tree of vectorized kernels, once per operator instance.
 *
 * <p>All decisions that do not depend on the data are made here, not per batch: which kernel
 * family and operand shape (a literal operand stays a scalar in arithmetic and comparisons),
 * LIKE patterns and to_date formats are compiled, IN lists of literals become lookup sets, casts
 * to the same type disappear, and subtrees of literals are evaluated once into a literal. Kernels then switch on the vector class once per batch and loop
 * over primitive arrays. Types are checked here, so a malformed tree fails at compile time with
 * a message naming the expression.
 */
public final class ExpressionCompiler {
  private ExpressionCompiler() {}

  public static VectorExpression compile(Expression expression) {
    VectorExpression compiled = compileNode(expression);
    return isFoldable(expression) ? fold(compiled) : compiled;
  }

  /**
   * Whether the expression is computed from literals only (and is not one itself): then it is
   * evaluated once here, so that, for example, the analyzer's {@code cast('2020-01-05' as date)}
   * is a scalar operand of a comparison rather than a column parsed again in every batch.
   */
  private static boolean isFoldable(Expression expression) {
    return !(expression instanceof Literal) && expression.deterministic() && readsLiteralsOnly(expression);
  }

  private static boolean readsLiteralsOnly(Expression expression) {
    // A user function runs per row on executors, never once at compile time (Spark's UDFs are not foldable).
    if (expression instanceof BoundReference || expression instanceof AttributeReference
        || expression instanceof UserFunctionCall) {
      return false;
    }
    for (Expression child : expression.children()) {
      if (!readsLiteralsOnly(child)) {
        return false;
      }
    }
    return true;
  }

  private static VectorExpression fold(VectorExpression compiled) {
    Batch oneRow = new Batch(new ColumnVector[0], 1);
    return new ConstantExpression(compiled.type(), compiled.evaluate(oneRow).getObject(0));
  }

  private static VectorExpression compileNode(Expression expression) {
    return switch (expression) {
      case BoundReference reference -> new ColumnReference(reference.ordinal(), reference.type());
      case AttributeReference attribute -> throw new IllegalStateException(
          "unbound attribute " + attribute + " (" + attribute.type() + "): plans must be bound before execution");
      case Literal literal -> {
        yield new ConstantExpression(literal.type(), literal.value());
      }
      case Alias alias -> compile(alias.child());
      case Arithmetic arithmetic -> ArithmeticExpression.of(
          arithmetic.operator(), arithmetic.type(), compile(arithmetic.left()), compile(arithmetic.right()));
      case Comparison comparison ->
          ComparisonExpression.of(comparison.operator(), compile(comparison.left()), compile(comparison.right()));
      case And and -> new LogicalExpressions.And(compileBoolean(and.left(), and), compileBoolean(and.right(), and));
      case Or or -> new LogicalExpressions.Or(compileBoolean(or.left(), or), compileBoolean(or.right(), or));
      case Not not -> new LogicalExpressions.Not(compileBoolean(not.child(), not));
      case IsNull isNull -> new LogicalExpressions.NullTest(compile(isNull.child()), false);
      case IsNotNull isNotNull -> new LogicalExpressions.NullTest(compile(isNotNull.child()), true);
      case Cast cast -> CastExpression.of(compile(cast.child()), cast.type());
      case Coalesce coalesce -> {
        yield new CoalesceExpression(compileAll(coalesce.children()), coalesce.type());
      }
      case CaseWhen caseWhen -> compileCaseWhen(caseWhen);
      case In in -> compileIn(in);
      case Like like -> new StringExpressions.Like(compileString(like.child(), like), LikePattern.compile(like.pattern()));
      case StringMatch match -> compileStringMatch(match);
      case Upper upper -> new StringExpressions.CaseConversion(compileString(upper.child(), upper), true);
      case Lower lower -> new StringExpressions.CaseConversion(compileString(lower.child(), lower), false);
      case Length length -> new StringExpressions.Length(compileString(length.child(), length));
      case Concat concat -> {
        List<VectorExpression> children = new ArrayList<>();
        for (Expression child : concat.children()) {
          children.add(compileString(child, concat));
        }
        yield new StringExpressions.Concat(children);
      }
      case Substring substring ->
          new StringExpressions.Substring(compileString(substring.child(), substring), substring.position(), substring.length());
      case Abs abs -> new MathExpressions.Abs(compileNumber(abs.child(), abs), abs.type());
      case Round round -> new MathExpressions.Round(compileNumber(round.child(), round), round.scale(), round.type());
      case DatePart part -> new DateExpressions.Part(part.field(), compileOfKind(part.child(), TypeKind.DATE, part));
      case ToDate toDate -> compileToDate(toDate);
      case DateAdd dateAdd -> compileDateAdd(dateAdd);
      case UserFunctionCall call -> UserFunctionExpression.of(call.function(), compileAll(call.children()));
    };
  }

  private static List<VectorExpression> compileAll(List<Expression> expressions) {
    List<VectorExpression> compiled = new ArrayList<>(expressions.size());
    for (Expression expression : expressions) {
      compiled.add(compile(expression));
    }
    return compiled;
  }

  private static VectorExpression compileCaseWhen(CaseWhen caseWhen) {
    List<VectorExpression> conditions = new ArrayList<>();
    for (Expression condition : caseWhen.conditions()) {
      conditions.add(compileBoolean(condition, caseWhen));
    }
    return new CaseWhenExpression(conditions, compileAll(caseWhen.values()), compile(caseWhen.otherwise()), caseWhen.type());
  }

  private static VectorExpression compileIn(In in) {
    VectorExpression value = compile(in.value());
    List<VectorExpression> elements = compileAll(in.list());
    List<Object> literals = new ArrayList<>();
    for (VectorExpression element : elements) {
      if (!(element instanceof ConstantExpression constant)) {
        return new InListExpression(value, elements);
      }
      literals.add(constant.value());
    }
    return new InSetExpression(value, literals);
  }

  private static VectorExpression compileStringMatch(StringMatch match) {
    VectorExpression left = compileString(match.left(), match);
    VectorExpression right = compileString(match.right(), match);
    if (right instanceof ConstantExpression constant) {
      return constant.value() == null
          ? new NullConstant(ColumnType.BOOLEAN)
          : new StringExpressions.MatchScalar(match.operator(), left, (String) constant.value());
    }
    return new StringExpressions.MatchColumns(match.operator(), left, right);
  }

  private static VectorExpression compileToDate(ToDate toDate) {
    VectorExpression child = compile(toDate.child());
    TypeKind kind = child.type().kind();
    if (kind != TypeKind.STRING && kind != TypeKind.DATE && kind != TypeKind.TIMESTAMP) {
      throw new IllegalArgumentException(
          "to_date needs a STRING, DATE or TIMESTAMP argument, got " + child.type() + " in " + toDate);
    }
    // A format applies to text only; dates and timestamps convert as a cast (Spark does the same).
    if (toDate.format() != null && kind == TypeKind.STRING) {
      return DateExpressions.ParseWithFormat.of(child, toDate.format());
    }
    return CastExpression.of(child, ColumnType.DATE);
  }

  private static VectorExpression compileDateAdd(DateAdd dateAdd) {
    VectorExpression date = compileOfKind(dateAdd.left(), TypeKind.DATE, dateAdd);
    VectorExpression days = compileOfKind(dateAdd.right(), TypeKind.INT, dateAdd);
    if (days instanceof ConstantExpression constant) {
      return constant.value() == null
          ? new NullConstant(ColumnType.DATE)
          : new DateExpressions.AddScalar(date, (Integer) constant.value());
    }
    return new DateExpressions.AddColumn(date, days);
  }

  private static VectorExpression compileBoolean(Expression child, Expression parent) {
    return compileOfKind(child, TypeKind.BOOLEAN, parent);
  }

  private static VectorExpression compileString(Expression child, Expression parent) {
    return compileOfKind(child, TypeKind.STRING, parent);
  }

  private static VectorExpression compileNumber(Expression child, Expression parent) {
    TypeKind kind = child.type().kind();
    if (!kind.isNumeric()) {
      throw new IllegalArgumentException("expected an INT, LONG, DOUBLE or DECIMAL argument, got " + child.type() + " in " + parent);
    }
    return compile(child);
  }

  private static VectorExpression compileOfKind(Expression child, TypeKind kind, Expression parent) {
    if (child.type().kind() != kind) {
      throw new IllegalArgumentException(
          "expected a " + kind + " argument, got " + child.type() + " (" + child + ") in " + parent);
    }
    return compile(child);
  }
}
