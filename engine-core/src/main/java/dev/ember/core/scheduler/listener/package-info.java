/**
 * Job, stage and task events and the listener interface that receives them.
 *
 * <p>May import: {@code metrics}, {@code plan}.
 */
package dev.ember.core.scheduler.listener;
