/**
 * The executor process: connects back to the driver by address, registers, runs tasks with the
 * engine's {@code TaskRunner} on one thread per core, and ends when the driver goes away; main
 * class {@code EmberExecutor}.
 *
 * <p>May import: {@code cluster.rpc}, {@code cluster.launch}, {@code dev.ember.cluster} (shuffle
 * settings), engine-core and the shuffle module. Nothing in the module imports it.
 */
package dev.ember.cluster.executor;
