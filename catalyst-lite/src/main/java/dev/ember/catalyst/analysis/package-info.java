/**
 * The analyzer: resolves names, checks and coerces types, and reports errors with suggestions.
 *
 * <p>May import: {@code catalyst.plan}, {@code catalyst.expression}, {@code catalyst.parser} (the parsed
 * queries {@code QueryAnalyzer} analyzes), and engine-core's {@code expression},
 * {@code plan}, {@code types}, {@code text}.
 */
package dev.ember.catalyst.analysis;
