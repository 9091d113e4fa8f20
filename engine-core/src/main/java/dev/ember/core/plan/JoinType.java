package dev.ember.core.plan;

import java.util.Locale;

/** The join types, with the names Spark accepts for each. */
public enum JoinType {
  INNER,
  LEFT_OUTER,
  RIGHT_OUTER,
  FULL_OUTER,
  LEFT_SEMI,
  LEFT_ANTI,
  CROSS;

  /** Parses Spark's spellings: inner, left/leftouter/left_outer, right..., full/outer/fullouter..., semi/leftsemi/left_semi, anti/leftanti/left_anti, cross. */
  public static JoinType fromSparkName(String name) {
    String key = name.toLowerCase(Locale.ROOT).replace("_", "");
    return switch (key) {
      case "inner" -> INNER;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "full", "outer", "fullouter" -> FULL_OUTER;
      case "semi", "leftsemi" -> LEFT_SEMI;
      case "anti", "leftanti" -> LEFT_ANTI;
      case "cross" -> CROSS;
      default -> throw new IllegalArgumentException(
          "Unsupported join type '" + name + "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter',"
              + " 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi',"
              + " 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'.");
    };
  }

  /** Whether the output has the right side's columns (semi and anti joins output the left only). */
  public boolean outputsRight() {
    return this != LEFT_SEMI && this != LEFT_ANTI;
  }

  public String sparkName() {
    return switch (this) {
      case INNER -> "Inner";
      case LEFT_OUTER -> "LeftOuter";
      case RIGHT_OUTER -> "RightOuter";
      case FULL_OUTER -> "FullOuter";
      case LEFT_SEMI -> "LeftSemi";
      case LEFT_ANTI -> "LeftAnti";
      case CROSS -> "Cross";
    };
  }
}
