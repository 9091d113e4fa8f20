/**
 * What rules are written with: the {@code OptimizerRule} contract, plan rewriting helpers and constraint
 * inference. Below both the optimizer driver and its rules, so neither imports the other both ways.
 *
 * <p>May import: {@code catalyst.plan} and engine-core's {@code expression}, {@code plan}, {@code types};
 * never {@code catalyst.optimizer} or its rules.
 */
package dev.ember.catalyst.rewrite;
