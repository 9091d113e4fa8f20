package dev.ember.catalyst.explain;

import java.util.Locale;
import java.util.Objects;

/** What {@code DataFrame.explain(mode)} shows; the names are Spark's, plus {@code rules}. */
public enum ExplainMode {
  /** The physical plan, one line per operator, with its stage boundaries. */
  SIMPLE,
  /** The parsed, analyzed and optimized logical plans, then the physical plan. */
  EXTENDED,
  /** The physical plan as numbered operators grouped by stage, each narrow or wide, then each operator's output. */
  FORMATTED,
  /** Every optimizer rule that changed the plan, with the logical plan after it. */
  RULES;

  private static final String ACCEPTED = "Accepted explain modes are 'simple', 'extended', 'formatted', 'rules'.";

  /**
   * The mode named {@code name}, case-insensitively.
   *
   * @throws IllegalArgumentException for Spark's {@code codegen} and {@code cost} (Ember generates no
   *     code and has no cost model) and any other name, listing the accepted modes
   */
  public static ExplainMode parse(String name) {
    Objects.requireNonNull(name, "mode is null");
    String lower = name.trim().toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "simple" -> SIMPLE;
      case "extended" -> EXTENDED;
      case "formatted" -> FORMATTED;
      case "rules" -> RULES;
      case "codegen" -> throw new IllegalArgumentException("Explain mode '" + name
          + "' is not supported: Ember runs vectorized operators and generates no code. " + ACCEPTED);
      case "cost" -> throw new IllegalArgumentException("Explain mode '" + name
          + "' is not supported: Ember's planner has no cost model, only size estimates. " + ACCEPTED);
      default -> throw new IllegalArgumentException("Unknown explain mode: " + name + ". " + ACCEPTED);
    };
  }
}
