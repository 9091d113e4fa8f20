package dev.ember.core.operator;

import dev.ember.core.vector.Batch;

/**
 * The running form of a physical plan node inside one task: a pull-based source of batches.
 *
 * <p>One task thread owns an operator tree; operators are not thread-safe. {@link #close()}
 * releases what the operator holds (hash tables, open files) and closes its children; it is safe
 * to call more than once and is called on failure as well as on success.
 */
public interface Operator extends AutoCloseable {
  /** The next batch, or {@code null} once the input is exhausted. Batches may have zero rows. */
  Batch next();

  @Override
  void close();
}
