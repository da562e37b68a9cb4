/**
 * Real-etcd tests: the {@link io.sextant.it.etcd.EtcdCluster} process manager, the
 * {@link io.sextant.it.etcd.EtcdFixture} for the contract suite, and etcd-specific fault tests.
 *
 * <p>Nullness: parameters and return values are non-null unless documented otherwise.
 */
package io.sextant.it.etcd;
