/**
 * Small text helpers (byte sizes, edit distance) shared by settings parsing and error messages.
 *
 * <p>May import: the JDK only; the bottom layer.
 */
package dev.ember.core.text;
