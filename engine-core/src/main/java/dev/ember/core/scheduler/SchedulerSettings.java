package dev.ember.core.scheduler;

import dev.ember.core.network.NetworkSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduler's knobs, read from the session settings.
 *
 * @param maxTaskFailures attempts of one task (in one stage attempt) before its job fails: {@code ember.task.maxFailures}, default 4
 * @param maxStageAttempts attempts of one stage that end in a fetch failure before the job fails (4, as Spark)
 * @param faultInjection test-only task failures ({@code test.ember.failTasks}), {@link FaultInjection#NONE} normally
 * @param noExecutorTimeout how long the running jobs may go without any executor before they fail:
 *     {@code ember.scheduler.noExecutorTimeout}, default 120 s
 * @param starvationWarningInterval how often the driver warns that waiting tasks have no executor:
 *     {@code ember.starvation.timeout} (Spark's {@code spark.starvation.timeout}), default 15 s
 */
public record SchedulerSettings(int maxTaskFailures, int maxStageAttempts, FaultInjection faultInjection,
    Duration noExecutorTimeout, Duration starvationWarningInterval) {
  public static final String MAX_TASK_FAILURES = "ember.task.maxFailures";
  public static final String NO_EXECUTOR_TIMEOUT = "ember.scheduler.noExecutorTimeout";
  public static final String STARVATION_TIMEOUT = "ember.starvation.timeout";
  public static final int DEFAULT_MAX_TASK_FAILURES = 4;
  public static final int DEFAULT_MAX_STAGE_ATTEMPTS = 4;
  /** Long enough for a master to relaunch executors (a JVM start and registration), short enough to end a job that cannot run. */
  public static final Duration DEFAULT_NO_EXECUTOR_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration DEFAULT_STARVATION_TIMEOUT = Duration.ofSeconds(15);

  public SchedulerSettings {
    if (maxTaskFailures < 1) {
      throw new IllegalArgumentException(MAX_TASK_FAILURES + " must be at least 1, got " + maxTaskFailures);
    }
    if (maxStageAttempts < 1) {
      throw new IllegalArgumentException("max stage attempts must be at least 1, got " + maxStageAttempts);
    }
    Objects.requireNonNull(faultInjection, "faultInjection is null");
    requirePositive(NO_EXECUTOR_TIMEOUT, noExecutorTimeout);
    requirePositive(STARVATION_TIMEOUT, starvationWarningInterval);
  }

  /** The default waiting times. */
  public SchedulerSettings(int maxTaskFailures, int maxStageAttempts, FaultInjection faultInjection) {
    this(maxTaskFailures, maxStageAttempts, faultInjection, DEFAULT_NO_EXECUTOR_TIMEOUT, DEFAULT_STARVATION_TIMEOUT);
  }

  private static void requirePositive(String key, Duration duration) {
    Objects.requireNonNull(duration, key + " is null");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, got " + duration);
    }
  }

  public static SchedulerSettings defaults() {
    return new SchedulerSettings(DEFAULT_MAX_TASK_FAILURES, DEFAULT_MAX_STAGE_ATTEMPTS, FaultInjection.NONE);
  }

  /** These settings with another attempt count per task (a local master's, which overrides the setting). */
  public SchedulerSettings withMaxTaskFailures(int attempts) {
    return new SchedulerSettings(attempts, maxStageAttempts, faultInjection, noExecutorTimeout,
        starvationWarningInterval);
  }

  /**
   * Reads {@code ember.task.maxFailures}, {@code ember.scheduler.noExecutorTimeout},
   * {@code ember.starvation.timeout} and {@code test.ember.failTasks}; other keys are not the scheduler's business.
   */
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
        maxFailures, DEFAULT_MAX_STAGE_ATTEMPTS, FaultInjection.parse(settings.get(FaultInjection.SETTING)),
        NetworkSettings.duration(NO_EXECUTOR_TIMEOUT, settings.get(NO_EXECUTOR_TIMEOUT), DEFAULT_NO_EXECUTOR_TIMEOUT),
        NetworkSettings.duration(STARVATION_TIMEOUT, settings.get(STARVATION_TIMEOUT), DEFAULT_STARVATION_TIMEOUT));
  }
}
