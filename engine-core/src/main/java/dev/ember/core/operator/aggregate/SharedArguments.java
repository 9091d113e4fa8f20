package dev.ember.core.operator.aggregate;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ScratchArrays;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregates' argument expressions, compiled so that a subexpression several of them repeat is
 * computed once per batch (common subexpression elimination, which Spark does in generated code):
 * TPC-H Q1's {@code sum(price * (1 - discount))} and {@code sum(price * (1 - discount) * (1 + tax))}
 * share the product and the difference.
 *
 * <p>Idea: a repeated subtree becomes one more input column. Repeatedly, the smallest deterministic
 * subtree (not a column, a literal or a computation of literals alone) that occurs at least twice
 * among the arguments is replaced there by a reference to column {@code input width + k}, and its
 * definition is the k-th shared expression; a later, larger one may read earlier shared columns.
 * Per batch the shared expressions are evaluated in that order onto the input's columns, then the
 * arguments read the widened batch. Owned by one operator (one task thread).
 */
final class SharedArguments {
  /** The input columns the arguments read (the first ones); shared columns follow them. */
  private final int inputWidth;
  /** Shared expression k reads the input's columns and shared columns before k. */
  private final VectorExpression[] shared;
  /** Per aggregate, its arguments over the input's columns followed by the shared ones. */
  private final VectorExpression[][] arguments;

  private SharedArguments(int inputWidth, VectorExpression[] shared, VectorExpression[][] arguments) {
    this.inputWidth = inputWidth;
    this.shared = shared;
    this.arguments = arguments;
  }

  /** Compiles the arguments of {@code aggregates} (bound to their input's columns). */
  static SharedArguments compile(List<AggregateFunction> aggregates) {
    List<List<Expression>> rewritten = new ArrayList<>();
    int inputWidth = 0;
    boolean anyArgument = false;
    for (AggregateFunction function : aggregates) {
      rewritten.add(new ArrayList<>(function.arguments()));
      anyArgument |= !function.arguments().isEmpty();
      for (Expression argument : function.arguments()) {
        inputWidth = Math.max(inputWidth, columnsRead(argument));
      }
    }
    List<Expression> definitions = new ArrayList<>();
    Expression repeated;
    // Without arguments (count(*) alone) nothing repeats: no search over subtrees.
    while (anyArgument && (repeated = smallestRepeated(rewritten)) != null) {
      Expression column = new BoundReference(inputWidth + definitions.size(), repeated.type(), true);
      Expression replaced = repeated;
      for (List<Expression> functionArguments : rewritten) {
        functionArguments.replaceAll(argument -> Expressions.transformUp(argument, node -> node.equals(replaced) ? column : node));
      }
      definitions.add(repeated);
    }
    VectorExpression[] shared = new VectorExpression[definitions.size()];
    for (int k = 0; k < shared.length; k++) {
      shared[k] = ExpressionCompiler.compile(definitions.get(k));
    }
    VectorExpression[][] arguments = new VectorExpression[rewritten.size()][];
    for (int i = 0; i < arguments.length; i++) {
      List<Expression> functionArguments = rewritten.get(i);
      arguments[i] = new VectorExpression[functionArguments.size()];
      for (int argument = 0; argument < arguments[i].length; argument++) {
        arguments[i][argument] = ExpressionCompiler.compile(functionArguments.get(argument));
      }
    }
    return new SharedArguments(inputWidth, shared, arguments);
  }

  /** The smallest shareable subtree occurring at least twice among the arguments, or null. */
  private static Expression smallestRepeated(List<List<Expression>> arguments) {
    Map<Expression, Integer> occurrences = new LinkedHashMap<>();
    for (List<Expression> functionArguments : arguments) {
      for (Expression argument : functionArguments) {
        count(argument, occurrences);
      }
    }
    Expression smallest = null;
    int smallestSize = Integer.MAX_VALUE;
    for (Map.Entry<Expression, Integer> entry : occurrences.entrySet()) {
      if (entry.getValue() >= 2) {
        int size = size(entry.getKey());
        if (size < smallestSize) {
          smallest = entry.getKey();
          smallestSize = size;
        }
      }
    }
    return smallest;
  }

  private static void count(Expression expression, Map<Expression, Integer> occurrences) {
    if (shareable(expression)) {
      occurrences.merge(expression, 1, Integer::sum);
    }
    for (Expression child : expression.children()) {
      count(child, occurrences);
    }
  }

  /** Worth computing once: it computes something (not a column or literal), the same each time, from columns. */
  private static boolean shareable(Expression expression) {
    return !expression.children().isEmpty() && expression.deterministic() && readsColumns(expression);
  }

  private static boolean readsColumns(Expression expression) {
    if (expression instanceof BoundReference) {
      return true;
    }
    if (expression instanceof Literal) {
      return false;
    }
    for (Expression child : expression.children()) {
      if (readsColumns(child)) {
        return true;
      }
    }
    return false;
  }

  /** One more than the highest input column the expression reads (0: none): shared columns go after it. */
  private static int columnsRead(Expression expression) {
    int width = expression instanceof BoundReference reference ? reference.ordinal() + 1 : 0;
    for (Expression child : expression.children()) {
      width = Math.max(width, columnsRead(child));
    }
    return width;
  }

  private static int size(Expression expression) {
    int size = 1;
    for (Expression child : expression.children()) {
      size += size(child);
    }
    return size;
  }

  /** How many expressions are computed once for several arguments (for tests). */
  int sharedCount() {
    return shared.length;
  }

  /** Each aggregate's argument vectors for {@code batch}: {@code result[i][argument]}. */
  ColumnVector[][] evaluate(Batch batch) {
    return evaluate(batch, null);
  }

  /**
   * {@link #evaluate(Batch)} with the results written into {@code scratch}'s arrays where the
   * expressions can (null: new arrays): the caller is done with them before it resets the scratch.
   */
  ColumnVector[][] evaluate(Batch batch, ScratchArrays scratch) {
    Batch input = batch.withScratch(scratch);
    if (shared.length > 0) {
      int rows = batch.rowCount();
      ColumnVector[] columns = new ColumnVector[inputWidth + shared.length];
      for (int column = 0; column < inputWidth; column++) {
        columns[column] = batch.column(column);
      }
      for (int k = 0; k < shared.length; k++) {
        // Shared expression k reads only the columns before its own.
        ColumnVector[] visible = Arrays.copyOf(columns, inputWidth + k);
        columns[inputWidth + k] = VectorExpression.dispatch(shared[k], new Batch(visible, rows).withScratch(scratch));
      }
      input = new Batch(columns, rows).withScratch(scratch);
    }
    ColumnVector[][] values = new ColumnVector[arguments.length][];
    for (int i = 0; i < arguments.length; i++) {
      values[i] = new ColumnVector[arguments[i].length];
      for (int argument = 0; argument < arguments[i].length; argument++) {
        values[i][argument] = VectorExpression.dispatch(arguments[i][argument], input);
      }
    }
    return values;
  }
}
