/**
 * What kind of failure an exception is, for the scheduler's retry decision. At the bottom of the
 * layers: every package may import it; it imports nothing of Ember.
 */
package dev.ember.core.failure;
