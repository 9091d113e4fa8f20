package dev.ember.core.operator.join;

import static dev.ember.core.operator.OperatorTesting.normalize;

import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** The independent computation the joins are checked against: nested loops over lists of rows. */
final class JoinModel {
  private JoinModel() {}

  /**
   * @param keys pairs of (left column, right column); none for a nested loop join
   * @param condition over the concatenated pair row; returns TRUE, FALSE or null; {@code null} for none
   */
  static List<List<Object>> join(
      List<List<Object>> left,
      List<List<Object>> right,
      int leftWidth,
      int rightWidth,
      JoinType joinType,
      List<int[]> keys,
      Function<List<Object>, Boolean> condition) {
    List<List<Object>> output = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    List<Object> leftNulls = Collections.nCopies(leftWidth, null);
    List<Object> rightNulls = Collections.nCopies(rightWidth, null);
    for (List<Object> leftRow : left) {
      boolean matched = false;
      for (int r = 0; r < right.size(); r++) {
        List<Object> rightRow = right.get(r);
        if (!keysEqual(leftRow, rightRow, keys)) {
          continue;
        }
        List<Object> pair = concat(leftRow, rightRow);
        if (condition != null && !Boolean.TRUE.equals(condition.apply(pair))) {
          continue;
        }
        matched = true;
        rightMatched[r] = true;
        if (joinType.outputsRight()) {
          output.add(pair);
        }
      }
      switch (joinType) {
        case LEFT_OUTER, FULL_OUTER -> {
          if (!matched) {
            output.add(concat(leftRow, rightNulls));
          }
        }
        case LEFT_SEMI -> {
          if (matched) {
            output.add(leftRow);
          }
        }
        case LEFT_ANTI -> {
          if (!matched) {
            output.add(leftRow);
          }
        }
        case INNER, CROSS, RIGHT_OUTER -> {}
      }
    }
    if (joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER) {
      for (int r = 0; r < right.size(); r++) {
        if (!rightMatched[r]) {
          output.add(concat(leftNulls, right.get(r)));
        }
      }
    }
    return output;
  }

  private static boolean keysEqual(List<Object> left, List<Object> right, List<int[]> keys) {
    for (int[] key : keys) {
      Object a = left.get(key[0]);
      Object b = right.get(key[1]);
      if (a == null || b == null || !normalize(a).equals(normalize(b))) {
        return false;
      }
    }
    return true;
  }

  private static List<Object> concat(List<Object> left, List<Object> right) {
    List<Object> pair = new ArrayList<>(left);
    pair.addAll(right);
    return pair;
  }
}
