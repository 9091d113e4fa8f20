package dev.ember.core.architecture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Package cycles among a module's compiled classes, from {@code jdeps -verbose:package}. Every module's
 * {@code PackageCyclesTest} calls {@link #assertNoCycles(Path, String)} on its {@code target/classes} so a new
 * import that closes a loop fails the build. A package and its subpackage are two packages here: if they reach
 * each other that is a cycle too (only one of them may import the other), as in
 * {@code /work/shared/tools/package-cycles.py}.
 */
public final class PackageCycles {
  private PackageCycles() {}

  /** Fails, listing every cycle and the imports inside it, when the packages under {@code prefix} are not a DAG. */
  public static void assertNoCycles(Path classesDirectory, String prefix) {
    assertNoCycles(packageDependencies(classesDirectory, prefix));
  }

  /** Fails, listing every cycle and the imports inside it, when {@code dependencies} is not a DAG. */
  public static void assertNoCycles(Map<String, Set<String>> dependencies) {
    List<List<String>> cycles = cycles(dependencies);
    if (cycles.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder()
        .append(cycles.size()).append(" package cycle(s); make the lower package stop importing the higher one:");
    for (List<String> cycle : cycles) {
      message.append("\n  cycle: ").append(String.join(" <-> ", cycle));
      Set<String> members = Set.copyOf(cycle);
      for (String from : cycle) {
        for (String to : dependencies.getOrDefault(from, Set.of())) {
          if (members.contains(to)) {
            message.append("\n    ").append(from).append(" -> ").append(to);
          }
        }
      }
    }
    throw new AssertionError(message.toString());
  }

  /** The package imports among classes under {@code classesDirectory}, both ends starting with {@code prefix}. */
  public static Map<String, Set<String>> packageDependencies(Path classesDirectory, String prefix) {
    if (!Files.isDirectory(classesDirectory)) {
      throw new IllegalArgumentException("no compiled classes at " + classesDirectory.toAbsolutePath());
    }
    ToolProvider jdeps = ToolProvider.findFirst("jdeps")
        .orElseThrow(() -> new IllegalStateException("jdeps is not available: run the tests on a JDK, not a JRE"));
    StringWriter output = new StringWriter();
    StringWriter errors = new StringWriter();
    int status;
    try (PrintWriter out = new PrintWriter(output); PrintWriter err = new PrintWriter(errors)) {
      status = jdeps.run(out, err, "-verbose:package", "-filter:none", classesDirectory.toString());
    }
    if (status != 0) {
      throw new IllegalStateException("jdeps failed with status " + status + ": " + errors + output);
    }
    return parseJdepsOutput(output.toString(), prefix);
  }

  /**
   * Edges from jdeps' {@code -verbose:package} lines ({@code   a.b   -> c.d   classes}); a package's use of
   * itself is not an edge.
   */
  static Map<String, Set<String>> parseJdepsOutput(String output, String prefix) {
    Map<String, Set<String>> dependencies = new TreeMap<>();
    for (String line : output.split("\\R")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length < 3 || !parts[1].equals("->")) {
        continue;
      }
      String from = parts[0];
      String to = parts[2];
      if (!from.startsWith(prefix) || !to.startsWith(prefix)) {
        continue;
      }
      Set<String> targets = dependencies.computeIfAbsent(from, ignored -> new TreeSet<>());
      dependencies.computeIfAbsent(to, ignored -> new TreeSet<>());
      if (!from.equals(to)) {
        targets.add(to);
      }
    }
    return dependencies;
  }

  /** The strongly connected sets of two or more packages (Tarjan's algorithm), each sorted, sorted by first name. */
  public static List<List<String>> cycles(Map<String, Set<String>> dependencies) {
    return new Tarjan(dependencies).run();
  }

  /** Iterative so a deep package chain cannot overflow the stack. */
  private static final class Tarjan {
    private final Map<String, Set<String>> dependencies;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> lowLink = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private int counter;

    Tarjan(Map<String, Set<String>> dependencies) {
      this.dependencies = dependencies;
    }

    List<List<String>> run() {
      Set<String> nodes = new TreeSet<>(dependencies.keySet());
      dependencies.values().forEach(nodes::addAll);
      for (String node : nodes) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      components.sort((left, right) -> left.get(0).compareTo(right.get(0)));
      return components;
    }

    private record Frame(String node, List<String> targets, int[] next) {}

    private void visit(String root) {
      Deque<Frame> frames = new ArrayDeque<>();
      enter(root, frames);
      while (!frames.isEmpty()) {
        Frame frame = frames.peek();
        if (frame.next()[0] < frame.targets().size()) {
          String target = frame.targets().get(frame.next()[0]++);
          if (!index.containsKey(target)) {
            enter(target, frames);
          } else if (onStack.contains(target)) {
            lowLink.merge(frame.node(), index.get(target), Math::min);
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          lowLink.merge(frames.peek().node(), lowLink.get(frame.node()), Math::min);
        }
        if (lowLink.get(frame.node()).equals(index.get(frame.node()))) {
          List<String> component = new ArrayList<>();
          String member;
          do {
            member = stack.pop();
            onStack.remove(member);
            component.add(member);
          } while (!member.equals(frame.node()));
          if (component.size() > 1) {
            component.sort(String::compareTo);
            components.add(List.copyOf(component));
          }
        }
      }
    }

    private void enter(String node, Deque<Frame> frames) {
      index.put(node, counter);
      lowLink.put(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      frames.push(new Frame(node, List.copyOf(new TreeSet<>(dependencies.getOrDefault(node, Set.of()))), new int[1]));
    }
  }
}
