package dev.ember.core.logging;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SLF4J logger looked up on its first use rather than when its class loads. SLF4J's first
 * lookup finds and starts the binding (a service-loader scan of the class path and the binding's
 * own set-up: 30-60 ms of a fresh JVM on a 2-core machine), and Ember's session start and queries
 * load a dozen classes that keep a logger; looked up eagerly, every session start paid for logging
 * it may never do. A program that logs has paid the set-up already and loses nothing.
 *
 * <p>Thread-safe: two threads may look the logger up at once, and both get SLF4J's logger of the
 * same name (the factory's own cache), so the race is benign.
 */
public final class LazyLogger {
  private final Class<?> owner;
  private volatile Logger logger;

  /** The logger named after {@code owner}, as {@code LoggerFactory.getLogger(owner)}. */
  public LazyLogger(Class<?> owner) {
    this.owner = Objects.requireNonNull(owner, "owner is null");
  }

  /** The logger, looked up (and SLF4J started) on the first call. */
  public Logger get() {
    Logger current = logger;
    if (current == null) {
      current = LoggerFactory.getLogger(owner);
      logger = current;
    }
    return current;
  }
}
