/**
 * Real-etcd tests: the {@link io.sextant.testing.EtcdCluster} process manager, the
 * {@link io.sextant.testing.EtcdFixture} for the contract suite, and etcd-specific fault tests.
 *
 * <p>Nullness: parameters and return values are non-null unless documented otherwise.
 */
package io.sextant.it.etcd;
