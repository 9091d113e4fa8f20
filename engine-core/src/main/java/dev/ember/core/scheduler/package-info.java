/**
 * The driver: cuts physical plans into stages, schedules their tasks on a backend, tracks map outputs and
 * retries failures. {@code StageBuilder} is the one stage walk, a pure public function that explain
 * (catalyst-lite) calls too; a stage's key (its position in the job) is what explain prints and the
 * stage events carry next to the session-wide stage id.
 *
 * <p>May import: any engine-core package except {@code executor} (backends connect the two).
 */
package dev.ember.core.scheduler;
