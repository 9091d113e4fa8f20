package dev.ember.cluster.launch;

import java.util.concurrent.CompletableFuture;

/** An executor a launcher started: watch it end, or end it. */
public interface LaunchedExecutor {
  ExecutorSpec spec();

  /** Completes with the exit code when the executor ended, however it ended. */
  CompletableFuture<Integer> exited();

  /** Ends the executor (forcibly when it does not stop within a short grace time); returns at once. */
  void kill();
}
