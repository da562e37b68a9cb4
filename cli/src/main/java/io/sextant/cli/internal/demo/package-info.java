/**
 * {@code sextant demo}: an embedded ZooKeeper (or a given etcd/ZooKeeper), instances of two services
 * in two zones each with its own registry, two watching clients, the shares of each strategy's picks
 * next to the weights, and the faults acted out: a process dying without deregistering, an instance
 * failing calls, a restart under slow start. Not a public API. Nothing is null unless documented.
 */
package io.sextant.cli.internal.demo;
