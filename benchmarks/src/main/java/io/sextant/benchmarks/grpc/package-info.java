/**
 * gRPC benchmarks: the per-RPC cost of the {@code sextant} policy beside gRPC's {@code round_robin}
 * (JMH), and how long a registration takes to reach a channel (a harness on real ZooKeeper and etcd).
 */
package io.sextant.benchmarks.grpc;
