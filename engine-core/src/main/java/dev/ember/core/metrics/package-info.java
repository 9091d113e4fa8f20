/**
 * Per-task counters (rows, bytes, spills, shuffle and scan figures) that operators add to and listeners
 * read.
 *
 * <p>May import: the JDK only, so memory, operators and listener events can all record into it.
 */
package dev.ember.core.metrics;
