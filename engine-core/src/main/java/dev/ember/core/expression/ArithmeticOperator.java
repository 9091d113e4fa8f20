package dev.ember.core.expression;

/** The binary arithmetic operators and their symbols. */
public enum ArithmeticOperator {
  ADD("+"),
  SUBTRACT("-"),
  MULTIPLY("*"),
  /** Always on DOUBLE operands (Spark casts integers to double for {@code /}); x / 0 is null. */
  DIVIDE("/"),
  /** Remainder with the sign of the dividend, as Java and Spark; x % 0 is null. */
  REMAINDER("%");

  private final String symbol;

  ArithmeticOperator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }
}
