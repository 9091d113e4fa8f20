package dev.ember.core.operator.aggregate;

/** Growth policy of the per-group arrays: at least double, so growing costs amortized O(1) per group. */
final class Capacity {
  private Capacity() {}

  /** The new length for arrays of {@code current} slots that must hold {@code needed}, or {@code current}. */
  static int grow(int current, int needed) {
    if (needed <= current) {
      return current;
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, Math.max(16L, current * 2L)));
  }
}
