/**
 * Physical planning: logical plans to engine-core physical plans, join selection and exchanges.
 *
 * <p>May import: {@code catalyst.plan} and engine-core's {@code plan}, {@code expression}, {@code source},
 * {@code storage}, {@code vector}, {@code types}.
 */
package dev.ember.catalyst.planner;
