/**
 * The shuffle SPI the engine codes against (manager, writer, map statuses, output tracker, fetch failures);
 * the implementations live in the {@code shuffle} module.
 *
 * <p>May import: {@code operator}, {@code plan} (partitionings), {@code memory}, {@code metrics}, {@code
 * vector}, {@code types}; never tasks or the scheduler.
 */
package dev.ember.core.shuffle;
