/**
 * The optimizer rules, one per file.
 *
 * <p>May import: {@code catalyst.rewrite}, {@code catalyst.plan}, {@code catalyst.planner},
 * {@code catalyst.analysis.ExpressionIds} (fresh ids for the columns a rule adds), and engine-
 * core's {@code expression}(+{@code .evaluation}), {@code plan}, {@code vector}, {@code types}; never
 * {@code catalyst.optimizer}.
 */
package dev.ember.catalyst.optimizer.rules;
