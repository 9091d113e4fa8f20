/**
 * Logging: SLF4J loggers looked up on their first use ({@link dev.ember.core.logging.LazyLogger}),
 * so that a session that logs nothing never starts the logging binding.
 *
 * <p>May import: the JDK and the SLF4J API only; the bottom layer.
 */
package dev.ember.core.logging;
