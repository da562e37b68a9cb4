/**
 * Bounded resources under load and faults: JVM thread counts while thousands of registrations are in
 * flight and while the backend is down, on real etcd and ZooKeeper servers.
 */
package io.sextant.it.threads;
