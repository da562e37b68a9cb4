/**
 * The {@code memory} backend: an in-process coordination server with sessions, ephemeral keys and
 * watches, for tests and demos. {@link io.sextant.memory.MemoryServer} lets tests stop and start the
 * server and expire sessions, like real clusters do.
 *
 * <p>Nullness: non-null unless documented otherwise.
 */
package io.sextant.memory;
