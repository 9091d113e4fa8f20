/**
 * The event log: {@link dev.ember.ui.eventlog.EventLogWriter} writes every listener event of an
 * application as one JSON line ({@code ember.eventLog.enabled}, {@code ember.eventLog.dir}), and
 * {@link dev.ember.ui.eventlog.EventLogReplay} reads a log back into an {@link
 * dev.ember.ui.status.AppStatusStore}, so the history server shows the same pages and REST answers.
 *
 * <p>May import: {@code dev.ember.ui.status}, {@code dev.ember.ui.json}, {@code
 * dev.ember.core.scheduler.listener}, {@code dev.ember.core.metrics}, {@code dev.ember.catalyst.explain}.
 */
package dev.ember.ui.eventlog;
