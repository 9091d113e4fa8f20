/**
 * Pictures and pages: {@link dev.ember.ui.render.DagSvg}, the one SVG renderer of a job's stage
 * graph (the web UI's job page and {@code df.explain("graph")} both use it), and the HTML pages of
 * the web UI, written server-side from the status store's snapshots.
 *
 * <p>May import: {@code dev.ember.ui.status}, {@code dev.ember.catalyst.explain}, {@code
 * dev.ember.core.scheduler.listener}, {@code dev.ember.core.metrics} (the operator metrics' names).
 */
package dev.ember.ui.render;
