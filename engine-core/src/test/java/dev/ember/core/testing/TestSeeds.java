package dev.ember.core.testing;

/**
 * The seed of a randomized test: {@code -Dember.test.seed=N} when given (to rerun a failure, or
 * CI's extra random seed), else the test's own fixed seed. Put {@link #describe(long)} in the
 * assertion's description so a failure prints the seed that reproduces it.
 */
public final class TestSeeds {
  public static final String PROPERTY = "ember.test.seed";

  private TestSeeds() {}

  /** The property's seed if set, else {@code fixedSeed}. */
  public static long seed(long fixedSeed) {
    Long fromProperty = Long.getLong(PROPERTY);
    return fromProperty == null ? fixedSeed : fromProperty ^ fixedSeed;
  }

  /** {@code seed N (rerun with -Dember.test.seed=...)}, for assertion descriptions. */
  public static String describe(long seed) {
    Long fromProperty = Long.getLong(PROPERTY);
    return fromProperty == null
        ? "seed " + seed + " (fixed)"
        : "seed " + seed + " (rerun with -D" + PROPERTY + "=" + fromProperty + ")";
  }
}
