package dev.ember.catalyst.explain;

import java.util.List;
import java.util.Objects;

/**
 * One operator of a physical plan as explain shows it: its number (children before parents, as
 * in {@code explain("formatted")}), its name, whether it is wide (an exchange: its rows move
 * between tasks) or narrow (each output partition depends on one input partition), its details
 * ({@code key=value, ...}), the numbers of the operators it reads and its output columns
 * ({@code name: type}).
 */
public record OperatorNode(int number, String name, boolean wide, String detail, List<Integer> children, List<String> output) {
  public OperatorNode {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(detail, "detail is null");
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    output = List.copyOf(Objects.requireNonNull(output, "output is null"));
    if (number < 1) {
      throw new IllegalArgumentException("operator numbers start at 1: " + number);
    }
  }

  /** {@code (3) HashAggregate [narrow] keys=...}: the line of {@code explain("formatted")}. */
  public String line() {
    StringBuilder line = new StringBuilder().append('(').append(number).append(") ").append(name)
        .append(wide ? " [wide]" : " [narrow]");
    if (!detail.isEmpty()) {
      line.append(' ').append(detail);
    }
    if (!children.isEmpty()) {
      line.append(detail.isEmpty() ? " " : ", ").append("inputs=")
          .append(children.stream().map(child -> "(" + child + ")").toList());
    }
    return line.toString();
  }
}
