/**
 * Explain output: plan printers and the stage graph (DOT, Mermaid).
 *
 * <p>May import: {@code catalyst.optimizer}, {@code catalyst.plan}, and engine-core's {@code plan}, {@code
 * scheduler.listener}, {@code expression}, {@code source}, {@code storage}, {@code vector}, {@code types}.
 */
package dev.ember.catalyst.explain;
