/**
 * The ZooKeeper backend, on Apache Curator: each registration is an ephemeral znode kept by Curator's
 * {@code PersistentNode} recipe, watches are {@code CuratorCache}s. Select it with
 * {@code sextant.backend=zookeeper}.
 *
 * <p>Keys read by this backend (besides the core's namespace, TTL and timeouts):
 * <table>
 * <caption>ZooKeeper keys</caption>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>sextant.zookeeper.connect</td><td>(required)</td><td>connect string, {@code host:port,host:port}</td></tr>
 * <tr><td>sextant.auth.user / sextant.auth.password</td><td>(none)</td><td>digest credentials; when set,
 *     every registration gets the ACL "creator: all, anyone: read"</td></tr>
 * <tr><td>sextant.zookeeper.tls.enabled</td><td>false</td><td>TLS to the ensemble (Netty client socket,
 *     {@code zookeeper.client.secure=true})</td></tr>
 * <tr><td>sextant.zookeeper.tls.keystore.location / .password / .type</td><td>(none)</td><td>client key store
 *     ({@code zookeeper.ssl.keyStore.*})</td></tr>
 * <tr><td>sextant.zookeeper.tls.truststore.location / .password / .type</td><td>(none)</td><td>trust store
 *     ({@code zookeeper.ssl.trustStore.*})</td></tr>
 * <tr><td>sextant.zookeeper.tls.hostname.verification</td><td>true</td><td>{@code zookeeper.ssl.hostnameVerification}</td></tr>
 * <tr><td>sextant.zookeeper.client.&lt;name&gt;</td><td></td><td>passed unchanged to {@code ZKClientConfig} as
 *     {@code <name>}, for any other ZooKeeper client property</td></tr>
 * </table>
 *
 * <p><b>Records.</b> The namespace is a Curator namespace (chroot {@code /<namespace>}). A record is an
 * <em>ephemeral</em> znode: watches and {@code list} report only ephemeral nodes strictly below the
 * prefix; the persistent or container nodes above them ({@code /services}, {@code /services/<svc>})
 * are structure, never records. Ephemeral nodes cannot have children, so every record is a leaf.
 *
 * <p><b>ACLs.</b> With credentials, a record and its service node are "creator (auth): all, anyone:
 * read": anyone can read, only the creating identity can change or delete it (ZooKeeper checks delete
 * on the parent, so the service node is owned by the identity that created it — one identity per
 * service). {@code /services} and the namespace node let anyone create children. Without credentials
 * every node is open. Parents that exist already keep their ACLs.
 *
 * <p>Nullness: parameters and return values are non-null unless documented otherwise.
 */
package io.sextant.zookeeper;
