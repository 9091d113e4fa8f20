/**
 * Column types, fields and schemas: the vocabulary every other package speaks.
 *
 * <p>May import: the JDK only; the bottom layer.
 */
package dev.ember.core.types;
