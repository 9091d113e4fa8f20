package dev.ember.core.expression;

/** Substring tests between two strings. */
public enum StringMatchOperator {
  STARTS_WITH("startswith"),
  ENDS_WITH("endswith"),
  CONTAINS("contains");

  private final String functionName;

  StringMatchOperator(String functionName) {
    this.functionName = functionName;
  }

  public String functionName() {
    return functionName;
  }
}
