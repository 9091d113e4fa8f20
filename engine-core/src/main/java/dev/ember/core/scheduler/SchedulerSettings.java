package dev.ember.core.scheduler;

import java.util.Map;
import java.util.Objects;

/**
 * The scheduler's knobs, read from the session settings.
 *
 * @param maxTaskFailures attempts of one task (in one stage attempt) before its job fails: {@code ember.task.maxFailures}, default 4
 * @param maxStageAttempts attempts of one stage that end in a fetch failure before the job fails (4, as Spark)
 * @param faultInjection test-only task failures ({@code test.ember.failTasks}), {@link FaultInjection#NONE} normally
 */
public record SchedulerSettings(int maxTaskFailures, int maxStageAttempts, FaultInjection faultInjection) {
  public static final String MAX_TASK_FAILURES = "ember.task.maxFailures";
  public static final int DEFAULT_MAX_TASK_FAILURES = 4;
  public static final int DEFAULT_MAX_STAGE_ATTEMPTS = 4;

  public SchedulerSettings {
    if (maxTaskFailures < 1) {
      throw new IllegalArgumentException(MAX_TASK_FAILURES + " must be at least 1, got " + maxTaskFailures);
    }
    if (maxStageAttempts < 1) {
      throw new IllegalArgumentException("max stage attempts must be at least 1, got " + maxStageAttempts);
    }
    Objects.requireNonNull(faultInjection, "faultInjection is null");
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(DEFAULT_MAX_TASK_FAILURES, DEFAULT_MAX_STAGE_ATTEMPTS, FaultInjection.NONE);
  }

  /** These settings with another attempt count per task (a local master's, which overrides the setting). */
  public SchedulerSettings withMaxTaskFailures(int attempts) {
    return new SchedulerSettings(attempts, maxStageAttempts, faultInjection);
  }

  /** Reads {@code ember.task.maxFailures} and {@code test.ember.failTasks}; other keys are not the scheduler's business. */
  public static SchedulerSettings from(Map<String, String> settings) {
    Objects.requireNonNull(settings, "settings is null");
    int maxFailures = DEFAULT_MAX_TASK_FAILURES;
    String value = settings.get(MAX_TASK_FAILURES);
    if (value != null) {
      try {
        maxFailures = Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(MAX_TASK_FAILURES + " must be an integer, got '" + value + "'", e);
      }
    }
    return new SchedulerSettings(
        maxFailures, DEFAULT_MAX_STAGE_ATTEMPTS, FaultInjection.parse(settings.get(FaultInjection.SETTING)));
  }
}
