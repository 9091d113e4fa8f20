/**
 * Text and calendar helpers at the bottom of engine-core's layers: edit distances for "did you
 * mean" messages, byte sizes, the proleptic Gregorian calendar ({@link dev.ember.core.text.CivilCalendar})
 * and the one parser of date and timestamp text ({@link dev.ember.core.text.DateTimeParser}),
 * shared by casts, date functions and the CSV reader.
 *
 * <p>May import: the JDK only; the bottom layer.
 */
package dev.ember.core.text;
