/**
 * For users and backend authors, published as {@code sextant-testing} (like Curator's
 * {@code curator-test}): real servers to test against and the rules every backend must keep.
 *
 * <ul>
 *   <li>{@link io.sextant.testing.EtcdCluster} runs 1 or 3 members of the {@code etcd} binary on free
 *       loopback ports: kill -9 a member or the leader, stop them all and restart them on the same ports
 *       and data. {@link io.sextant.testing.EtcdFixture} wraps it for the contract suite (or points at
 *       {@code SEXTANT_TEST_ETCD_ENDPOINTS}).</li>
 *   <li>{@link io.sextant.testing.ZooKeeperFixture} runs a real ZooKeeper server or 3-server ensemble in
 *       the JVM (Curator's {@code TestingServer}/{@code TestingCluster}) and expires a session on the
 *       server side.</li>
 *   <li>{@link io.sextant.testing.TcpProxy} cuts and restores connections; {@link io.sextant.testing.TestCerts}
 *       makes a CA, server and client certificates with {@code openssl}.</li>
 *   <li>{@link io.sextant.testing.RegistryContract} is the contract suite as an abstract JUnit 5 class:
 *       extend it with a {@link io.sextant.testing.BackendFixture} and a third-party backend proves
 *       itself against the same rules as the built-in ones.</li>
 * </ul>
 *
 * <p>Fixtures skip the test (JUnit assumption) when their server cannot run here, e.g. without the
 * {@code etcd} binary. Every process they start is stopped by its PID on {@code close()}.
 */
package io.sextant.testing;
