/**
 * The console progress bar ({@code [Stage 3:====>  (12 + 2) / 40]}) a session draws on stderr
 * while a stage runs longer than half a second, as Spark's {@code ConsoleProgressBar}.
 *
 * <p>May import: {@code dev.ember.core.scheduler.listener}.
 */
package dev.ember.ui.console;
