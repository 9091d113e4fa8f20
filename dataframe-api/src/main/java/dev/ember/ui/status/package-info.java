/**
 * The application's status as the web UI and the REST API show it: {@link
 * dev.ember.ui.status.AppStatusStore}, a job listener that keeps jobs, stages, tasks and executors
 * (bounded retention), and the immutable snapshots it hands out, named after Spark's
 * {@code status.api.v1} classes.
 *
 * <p>May import: {@code dev.ember.core.scheduler.listener}, {@code dev.ember.core.metrics}, {@code
 * dev.ember.core.plan}, {@code dev.ember.core.storage} (storage modes), {@code dev.ember.catalyst.explain}.
 */
package dev.ember.ui.status;
