/**
 * File system plumbing below the data sources: local directories (with the reclaim of killed sessions'
 * folders, run beside a session's start on a thread of its own), the all-or-nothing file commit protocol,
 * save modes and I/O exceptions.
 *
 * <p>May import: {@code result}, {@code source}, {@code vector}, {@code types}, {@code text}; never
 * operators, plans or tasks.
 */
package dev.ember.core.io;
