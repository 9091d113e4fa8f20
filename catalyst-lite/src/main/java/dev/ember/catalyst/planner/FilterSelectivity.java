package dev.ember.catalyst.planner;

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

/**
 * The estimated fraction of rows a filter condition keeps, without column statistics (Ember keeps
 * none): the fixed defaults of Spark's and DuckDB's estimators when statistics are missing.
 *
 * <ul>
 *   <li>{@code =} (and an IN list, per element, capped at 1): {@value #EQUALITY};
 *       {@code !=}: 1 - {@value #EQUALITY};
 *   <li>{@code <, <=, >, >=}: {@value #RANGE} each (so a two-sided range keeps 1/9);
 *   <li>{@code IS NOT NULL}: 1 (see {@link #NOT_NULL}); {@code IS NULL}: 1 - {@value #NOT_NULL};
 *   <li>LIKE, startsWith, endsWith, contains: {@value #STRING_MATCH};
 *   <li>AND multiplies, OR adds minus the product (independence), NOT takes the complement;
 *   <li>the literal true keeps everything, false and null nothing; any other boolean
 *       expression {@value #UNKNOWN}.
 * </ul>
 */
public final class FilterSelectivity {
  /** An equality on one column (1/distinct values when statistics exist; Ember has none). */
  public static final double EQUALITY = 0.1;
  /** One side of a range. */
  public static final double RANGE = 1.0 / 3;
  /**
   * The share of non-null values, for IS NULL. IS NOT NULL itself keeps every row in the estimate:
   * the optimizer infers it on every inner-join key, where it removes nothing the join would keep,
   * and an estimate that moved when the inferred filters appear would let a second optimizer run
   * reorder the joins the first one ordered.
   */
  public static final double NOT_NULL = 0.9;
  public static final double STRING_MATCH = 0.25;
  public static final double UNKNOWN = 0.5;

  private FilterSelectivity() {}

  /** The estimated share of rows for which {@code condition} is true, in [0, 1]. */
  public static double of(Expression condition) {
    return switch (condition) {
      case And and -> of(and.left()) * of(and.right());
      case Or or -> {
        double left = of(or.left());
        double right = of(or.right());
        yield left + right - left * right;
      }
      case Not not -> 1 - of(not.child());
      case Comparison comparison -> switch (comparison.operator()) {
        case EQUAL -> EQUALITY;
        case NOT_EQUAL -> 1 - EQUALITY;
        case LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL -> RANGE;
      };
      case In in -> Math.min(1, in.list().size() * EQUALITY);
      case IsNotNull ignored -> 1;
      case IsNull ignored -> 1 - NOT_NULL;
      case Like ignored -> STRING_MATCH;
      case StringMatch ignored -> STRING_MATCH;
      case Literal literal -> Boolean.TRUE.equals(literal.value()) ? 1 : 0;
      case AttributeReference ignored -> UNKNOWN;
      case BoundReference ignored -> UNKNOWN;
      case Alias alias -> of(alias.child());
      case Cast ignored -> UNKNOWN;
      case Coalesce ignored -> UNKNOWN;
      case CaseWhen ignored -> UNKNOWN;
      case Arithmetic ignored -> UNKNOWN;
      case Upper ignored -> UNKNOWN;
      case Lower ignored -> UNKNOWN;
      case Length ignored -> UNKNOWN;
      case Concat ignored -> UNKNOWN;
      case Substring ignored -> UNKNOWN;
      case Abs ignored -> UNKNOWN;
      case Round ignored -> UNKNOWN;
      case DatePart ignored -> UNKNOWN;
      case ToDate ignored -> UNKNOWN;
      case DateAdd ignored -> UNKNOWN;
      case UserFunctionCall ignored -> UNKNOWN;
    };
  }
}
