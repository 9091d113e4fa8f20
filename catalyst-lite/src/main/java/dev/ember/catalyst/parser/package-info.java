/**
 * The SQL front end: a {@link dev.ember.catalyst.parser.Lexer} that keeps each token's line and
 * column, and a hand-written recursive-descent {@link dev.ember.catalyst.parser.SqlParser} that
 * turns a statement into a {@link dev.ember.catalyst.parser.Statement} whose queries are
 * {@link dev.ember.catalyst.parser.QueryNode} trees over the same
 * {@link dev.ember.catalyst.expression.UnresolvedExpression}s the DataFrame DSL builds. The analyzer
 * ({@code dev.ember.catalyst.analysis.QueryAnalyzer}) then builds the analyzed plan through the same
 * {@code Analyzer} methods as the DSL.
 *
 * <p>Why hand-written rather than ANTLR: an embeddable engine should not add a parser runtime jar
 * (and its version conflicts) to its users' class path, nor generated code to its build; the
 * grammar is small enough that a recursive-descent parser stays readable, and it lets each error
 * name the token found and what was expected at that exact point, with Spark's caret excerpt.
 *
 * <p>May import: {@code catalyst.expression}, and engine-core's {@code types} and {@code plan}
 * ({@code JoinType}). Nothing here resolves names: that is the analyzer's job.
 */
package dev.ember.catalyst.parser;
