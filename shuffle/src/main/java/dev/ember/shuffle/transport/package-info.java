/**
 * The shuffle data plane between executor processes: {@link dev.ember.shuffle.transport.BlockServer}
 * serves an executor's map outputs (raw columnar frames; file segments zero-copy), and
 * {@link dev.ember.shuffle.transport.NettyBlockFetcher} fetches them with retries for the readers.
 * Both use engine-core's {@code network} pipeline: frames with a maximum size, Kryo requests of a
 * fixed registry, and the HMAC handshake when {@code ember.authenticate.secret} is set.
 *
 * <p>May import: engine-core's {@code network}, {@code shuffle} and {@code vector}; this module's
 * {@code fetch} and {@code format}; Netty. Nothing imports it but the cluster manager's executor.
 */
package dev.ember.shuffle.transport;
