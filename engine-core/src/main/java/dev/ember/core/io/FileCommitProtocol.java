package dev.ember.core.io;

import dev.ember.core.task.PartitionResult;
import java.util.List;

/**
 * PLACEHOLDER written by the dataframe-api helper so that its module compiles; the CSV helper's
 * real class replaces it at merge. Stages a job's output files and moves them into place.
 */
public final class FileCommitProtocol {
  private FileCommitProtocol() {}

  /**
   * Starts a write to {@code targetPath}.
   *
   * @throws PathAlreadyExistsException when the target exists and the mode is ERROR_IF_EXISTS
   */
  public static FileCommitProtocol begin(String targetPath, SaveMode mode) {
    throw new UnsupportedOperationException("FileCommitProtocol is a placeholder until the CSV sink lands");
  }

  public String stagingDirectory() {
    throw new UnsupportedOperationException("FileCommitProtocol is a placeholder until the CSV sink lands");
  }

  /** True when the mode is IGNORE and the target exists: nothing is to be written. */
  public boolean skipped() {
    throw new UnsupportedOperationException("FileCommitProtocol is a placeholder until the CSV sink lands");
  }

  public void commit(List<PartitionResult.WrittenFiles> files) {
    throw new UnsupportedOperationException("FileCommitProtocol is a placeholder until the CSV sink lands");
  }

  public void abort() {
    throw new UnsupportedOperationException("FileCommitProtocol is a placeholder until the CSV sink lands");
  }
}
