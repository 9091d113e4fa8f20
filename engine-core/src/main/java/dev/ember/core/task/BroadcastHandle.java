package dev.ember.core.task;

/**
 * What a task carries of a broadcast it reads: which one, and how big it is; never its rows. The
 * executor resolves the handle through its {@link BroadcastSource}: by reference in the driver's
 * JVM, fetched once per job and executor elsewhere. The size lets an executor account for the
 * value before it holds it, and lets tests and listeners see what travels.
 *
 * @param jobId the job whose broadcast this is (values are released when the job ends)
 * @param broadcastId the broadcast's session-wide id
 * @param rows the value's row count
 * @param bytes the value's estimated in-memory size
 */
public record BroadcastHandle(int jobId, int broadcastId, long rows, long bytes) {
  public BroadcastHandle {
    if (broadcastId < 0) {
      throw new IllegalArgumentException("broadcastId must not be negative: " + broadcastId);
    }
    if (rows < 0 || bytes < 0) {
      throw new IllegalArgumentException("broadcast " + broadcastId + " of job " + jobId
          + " has a negative size: " + rows + " rows, " + bytes + " bytes");
    }
  }
}
