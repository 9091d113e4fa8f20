package dev.ember.core.scheduler;

import dev.ember.core.task.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Test-only: task attempts that must fail. Set {@code test.ember.failTasks} (deliberately outside
 * the {@code ember.*} namespace, which the session validates) to a comma-separated list of
 * {@code stage:partition:attempt} rules, where each part is a number or {@code *} for any; stage
 * ids count from 0 per job runner, parents first, and {@code attempt} is the task attempt within
 * its stage attempt. For example {@code 0:1:0} fails the first attempt of partition 1 of stage 0
 * once, and {@code 1:*:*} fails every task of stage 1 (the job fails).
 *
 * <p>The driver marks a matching task with {@link dev.ember.core.task.Task#injectedFailure()}
 * when it builds it; the executor then throws before running it. So the hook travels inside the
 * task and works on any backend, in this process or another.
 */
public record FaultInjection(List<Rule> rules) {
  public static final String SETTING = "test.ember.failTasks";
  public static final FaultInjection NONE = new FaultInjection(List.of());

  /** A pattern over (stage, partition, attempt); -1 matches anything. */
  public record Rule(int stageId, int partition, int attempt) {
    boolean matches(TaskInfo info) {
      return (stageId < 0 || stageId == info.stageId())
          && (partition < 0 || partition == info.partition())
          && (attempt < 0 || attempt == info.attempt());
    }
  }

  public FaultInjection {
    rules = List.copyOf(Objects.requireNonNull(rules, "rules is null"));
  }

  public static FaultInjection parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    List<Rule> rules = new ArrayList<>();
    for (String part : value.split(",")) {
      String[] fields = part.trim().split(":");
      if (fields.length != 3) {
        throw new IllegalArgumentException(
            SETTING + " entries are stage:partition:attempt (numbers or *), got '" + part.trim() + "' in '" + value + "'");
      }
      rules.add(new Rule(parseField(fields[0], value), parseField(fields[1], value), parseField(fields[2], value)));
    }
    return new FaultInjection(rules);
  }

  private static int parseField(String field, String value) {
    String text = field.trim();
    if (text.equals("*")) {
      return -1;
    }
    try {
      int number = Integer.parseInt(text);
      if (number < 0) {
        throw new NumberFormatException("negative");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(SETTING + ": '" + text + "' is neither a non-negative number nor * in '" + value + "'", e);
    }
  }

  /** The failure message for this task attempt, or null when it should run normally. */
  public String failureFor(TaskInfo info) {
    for (Rule rule : rules) {
      if (rule.matches(info)) {
        return "injected failure of stage " + info.stageId() + " partition " + info.partition() + " attempt "
            + info.attempt() + " (" + SETTING + ")";
      }
    }
    return null;
  }
}
