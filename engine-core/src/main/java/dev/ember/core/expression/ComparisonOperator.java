package dev.ember.core.expression;

/** The comparison operators, with their symbols and their mirror images (for swapping sides). */
public enum ComparisonOperator {
  EQUAL("="),
  NOT_EQUAL("!="),
  LESS_THAN("<"),
  LESS_THAN_OR_EQUAL("<="),
  GREATER_THAN(">"),
  GREATER_THAN_OR_EQUAL(">=");

  private final String symbol;

  ComparisonOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The operator that gives the same answer with the operands swapped. */
  public ComparisonOperator flip() {
    return switch (this) {
      case EQUAL, NOT_EQUAL -> this;
      case LESS_THAN -> GREATER_THAN;
      case LESS_THAN_OR_EQUAL -> GREATER_THAN_OR_EQUAL;
      case GREATER_THAN -> LESS_THAN;
      case GREATER_THAN_OR_EQUAL -> LESS_THAN_OR_EQUAL;
    };
  }

  /** The operator that gives the opposite answer on non-null operands. */
  public ComparisonOperator negate() {
    return switch (this) {
      case EQUAL -> NOT_EQUAL;
      case NOT_EQUAL -> EQUAL;
      case LESS_THAN -> GREATER_THAN_OR_EQUAL;
      case LESS_THAN_OR_EQUAL -> GREATER_THAN;
      case GREATER_THAN -> LESS_THAN_OR_EQUAL;
      case GREATER_THAN_OR_EQUAL -> LESS_THAN;
    };
  }
}
