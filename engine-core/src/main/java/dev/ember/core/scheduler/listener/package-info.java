/**
 * Job, stage and task events and the listener interface that receives them.
 *
 * <p>May import: {@code metrics}.
 */
package dev.ember.core.scheduler.listener;
