/**
 * The watched service cache: backend watch events are queued and applied by one serialized applier
 * per cache, which publishes immutable {@link io.sextant.InstanceSet}s with a volatile swap, guards
 * against empty and mass-drop updates while the connection is unstable, and keeps a snapshot file.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.internal.cache;
