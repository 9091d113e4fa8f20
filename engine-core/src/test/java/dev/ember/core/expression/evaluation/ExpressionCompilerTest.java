package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.In;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compiler decides once: operand shapes, identities, and the errors for malformed trees. */
class ExpressionCompilerTest {
  private static final BoundReference NUMBER = new BoundReference(0, ColumnType.INT, true);
  private static final BoundReference TEXT = new BoundReference(1, ColumnType.STRING, true);
  private static final Batch BATCH = Batch.fromRows(
      Schema.of(Field.of("n", ColumnType.INT), Field.of("s", ColumnType.STRING)),
      List.of(Arrays.asList(1, "a"), Arrays.asList(null, null), Arrays.asList(-5, "b")));

  @Test
  void boundReferenceReturnsTheBatchColumnWithoutCopy() {
    assertThat(ExpressionCompiler.compile(NUMBER).evaluate(BATCH)).isSameAs(BATCH.column(0));
  }

  @Test
  void literalOperandsStayScalarsInArithmeticAndComparisons() {
    assertThat(shape(new Arithmetic(ArithmeticOperator.ADD, NUMBER, Literal.of(1)))).isEqualTo("ColumnScalar");
    assertThat(shape(new Arithmetic(ArithmeticOperator.SUBTRACT, Literal.of(1), NUMBER))).isEqualTo("ScalarColumn");
    assertThat(shape(new Arithmetic(ArithmeticOperator.ADD, NUMBER, NUMBER))).isEqualTo("ColumnColumn");
    assertThat(shape(new Arithmetic(ArithmeticOperator.ADD, NUMBER, Literal.nullOf(ColumnType.INT)))).isEqualTo("NullConstant");
    assertThat(shape(new Comparison(ComparisonOperator.LESS_THAN, NUMBER, Literal.of(1)))).isEqualTo("ColumnScalar");
    assertThat(shape(new Comparison(ComparisonOperator.LESS_THAN, Literal.of(1), NUMBER))).isEqualTo("ColumnScalar");
    assertThat(shape(new Comparison(ComparisonOperator.LESS_THAN, NUMBER, NUMBER))).isEqualTo("ColumnColumn");
    assertThat(shape(new In(NUMBER, List.of(Literal.of(1), Literal.of(2))))).isEqualTo("InSetExpression");
    assertThat(shape(new In(NUMBER, List.of(Literal.of(1), NUMBER)))).isEqualTo("InListExpression");
    assertThat(shape(new DateAdd(new BoundReference(0, ColumnType.DATE, true), Literal.of(1)))).isEqualTo("AddScalar");
  }

  @Test
  void literalOnlySubtreesAreFoldedIntoScalars() {
    BoundReference date = new BoundReference(0, ColumnType.DATE, true);
    Cast castLiteral = new Cast(Literal.of("2020-01-05"), ColumnType.DATE);
    assertThat(shape(castLiteral)).isEqualTo("ConstantExpression");
    assertThat(shape(new Comparison(ComparisonOperator.LESS_THAN, date, castLiteral))).isEqualTo("ColumnScalar");
    assertThat(shape(new In(date, List.of(castLiteral, new Cast(Literal.of("bad"), ColumnType.DATE)))))
        .isEqualTo("InSetExpression");
    assertThat(shape(new Arithmetic(ArithmeticOperator.ADD, NUMBER,
        new Arithmetic(ArithmeticOperator.MULTIPLY, Literal.of(6), Literal.of(7))))).isEqualTo("ColumnScalar");
    ColumnVector folded = ExpressionCompiler.compile(castLiteral).evaluate(BATCH);
    assertThat(folded.size()).isEqualTo(3);
    assertThat(folded.getObject(2)).isEqualTo(18266);
  }

  @Test
  void literalOnTheLeftMirrorsTheOperator() {
    ColumnVector result = ExpressionCompiler.compile(new Comparison(ComparisonOperator.LESS_THAN, Literal.of(0), NUMBER))
        .evaluate(BATCH);
    assertThat(Arrays.asList(result.getObject(0), result.getObject(1), result.getObject(2))).containsExactly(true, null, false);
  }

  @Test
  void castToTheSameTypeIsTheChildItself() {
    assertThat(ExpressionCompiler.compile(new Cast(NUMBER, ColumnType.INT)).evaluate(BATCH)).isSameAs(BATCH.column(0));
  }

  @Test
  void unboundAttributeIsRejected() {
    AttributeReference attribute = new AttributeReference("price", ColumnType.DOUBLE, true, 7, "");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new Not(new Comparison(ComparisonOperator.EQUAL, attribute, attribute))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unbound attribute price#7")
        .hasMessageContaining("plans must be bound before execution");
  }

  @Test
  void referenceThatDoesNotFitTheBatchIsRejected() {
    assertThatThrownBy(() -> ExpressionCompiler.compile(new BoundReference(5, ColumnType.INT, true)).evaluate(BATCH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input[5]")
        .hasMessageContaining("2 columns");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new BoundReference(1, ColumnType.INT, true)).evaluate(BATCH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("input[1] was bound as int but the batch holds string");
  }

  @Test
  void malformedLikePatternsAreRejectedAtCompileTime() {
    assertThatThrownBy(() -> ExpressionCompiler.compile(new Like(TEXT, "abc\\")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'abc\\'")
        .hasMessageContaining("end with the escape character");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new Like(TEXT, "a\\bc")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not allowed to precede 'b'");
  }

  @Test
  void badFormatsAndArgumentTypesAreRejectedAtCompileTime() {
    assertThatThrownBy(() -> ExpressionCompiler.compile(new ToDate(TEXT, "yyyy-MM-dd'")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid to_date format 'yyyy-MM-dd''");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new Upper(NUMBER)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a STRING argument, got int (input[0]) in upper(input[0])");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new ToDate(NUMBER, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("to_date needs a STRING, DATE or TIMESTAMP argument");
    assertThatThrownBy(() -> ExpressionCompiler.compile(new Upper(new Cast(NUMBER, ColumnType.decimal(10, 2)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a STRING argument, got decimal(10,2)");
  }

  @Test
  void emptyBatchesGiveEmptyResults() {
    Batch empty = Batch.empty(Schema.of(Field.of("n", ColumnType.INT), Field.of("s", ColumnType.STRING)));
    ColumnVector result = ExpressionCompiler.compile(new Arithmetic(ArithmeticOperator.MULTIPLY, NUMBER, Literal.of(2)))
        .evaluate(empty);
    assertThat(result.size()).isZero();
    assertThat(ExpressionCompiler.compile(Literal.of("x")).evaluate(empty).size()).isZero();
  }

  private static String shape(dev.ember.core.expression.Expression expression) {
    return ExpressionCompiler.compile(expression).getClass().getSimpleName();
  }
}
