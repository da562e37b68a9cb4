/**
 * ZooKeeper tests against real servers: Curator's {@code TestingServer}/{@code TestingCluster} in the
 * test JVM, a container where Docker exists, or {@code SEXTANT_TEST_ZOOKEEPER_CONNECT}.
 */
package io.sextant.it.zookeeper;
