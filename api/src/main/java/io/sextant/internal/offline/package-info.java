/**
 * Starting without a reachable backend: a stand-in backend that queues registrations and watches
 * and binds them to the real one when it can be opened. Not a public API.
 */
package io.sextant.internal.offline;
