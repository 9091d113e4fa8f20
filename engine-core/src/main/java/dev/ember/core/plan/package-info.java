/**
 * Physical plan records: the immutable tree the planner builds and the scheduler cuts into stages; scans
 * carry {@code source} descriptions, not readers. {@code NodeDescription} is the one text of a physical
 * node, used by explain and by the scheduler's stage events.
 *
 * <p>May import: {@code expression}, {@code source}, {@code storage} (storage modes), {@code vector},
 * {@code types}; never operators, I/O or tasks.
 */
package dev.ember.core.plan;
