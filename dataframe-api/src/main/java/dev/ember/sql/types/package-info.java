/**
 * The public data types and schemas ({@code DataTypes}, {@code StructType}), shaped after Spark's.
 *
 * <p>May import: the JDK only.
 */
package dev.ember.sql.types;
