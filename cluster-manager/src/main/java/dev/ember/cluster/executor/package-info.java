/**
 * The executor process: connects back to the driver by address, registers, serves it, and ends
 * when the driver goes away. Imports {@code rpc}, {@code launch} and the engine's task runner.
 */
package dev.ember.cluster.executor;
