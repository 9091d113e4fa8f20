/**
 * Test fixtures shared by every module's tests (published as engine-core's test-jar): the
 * {@link dev.ember.core.testing.EngineHygiene} extension and the random seed of randomized tests.
 */
package dev.ember.core.testing;
