/**
 * JMH benchmarks of the engine, the shuffle and the DataFrame API.
 *
 * <p>May import: any Ember module; nothing imports it.
 */
package dev.ember.benchmarks;
