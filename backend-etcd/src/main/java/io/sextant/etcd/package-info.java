/**
 * The etcd backend on jetcd: one lease per opened backend kept alive by a supervised keep-alive
 * stream, ephemeral keys re-put after a lost lease, prefix watches that resume from the last applied
 * revision and resync after compaction. Only {@link io.sextant.etcd.EtcdBackendProvider} is public.
 *
 * <p>Nullness: parameters and return values are non-null unless documented otherwise.
 */
package io.sextant.etcd;
