/**
 * The control plane's transport: {@link dev.ember.cluster.rpc.ControlMessage} records over the
 * engine's network pipeline (frames, authentication, Kryo with registration required), served by
 * an {@link dev.ember.cluster.rpc.Endpoint} on a {@link dev.ember.cluster.rpc.RpcServer} or a
 * connection of an {@link dev.ember.cluster.rpc.RpcClient}.
 *
 * <p>May import: engine-core's {@code network} and Netty; Netty types stay inside this package (the
 * master, worker, executor and standalone packages see only Connection, Endpoint and messages).
 */
package dev.ember.cluster.rpc;
