/**
 * What a result task does with its rows ({@code ResultAction}) and what it hands back ({@code
 * PartitionResult}).
 *
 * <p>May import: {@code vector}, {@code source}.
 */
package dev.ember.core.result;
