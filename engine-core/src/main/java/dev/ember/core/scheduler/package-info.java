/**
 * The driver: cuts physical plans into stages, schedules their tasks on a backend, tracks map outputs and
 * retries failures.
 *
 * <p>May import: any engine-core package except {@code executor} (backends connect the two).
 */
package dev.ember.core.scheduler;
