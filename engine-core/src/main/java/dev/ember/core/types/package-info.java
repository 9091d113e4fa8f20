/**
 * Column types, fields and schemas: the vocabulary every other package speaks; with Spark's decimal
 * type rules ({@code DecimalTypes}) and the 128-bit integer arithmetic of wide decimals ({@code Int128}).
 *
 * <p>May import: the JDK only; the bottom layer.
 */
package dev.ember.core.types;
