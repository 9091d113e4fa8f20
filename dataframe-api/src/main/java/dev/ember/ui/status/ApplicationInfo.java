package dev.ember.ui.status;

/**
 * The application (one session) as Spark's {@code ApplicationInfo} with its one attempt: {@code
 * endTime} is -1 while it runs; {@code sparkUser} is the JVM's user, {@code appSparkVersion} Ember's
 * version.
 */
public record ApplicationInfo(
    String id, String name, long startTime, long endTime, long lastUpdated, String sparkUser, boolean completed,
    String appSparkVersion) {

  public long duration() {
    return endTime < 0 ? Math.max(0, lastUpdated - startTime) : endTime - startTime;
  }
}
