/**
 * The ZooKeeper backend, on Apache Curator: each registration is an ephemeral znode written and kept on
 * Curator's background (asynchronous) API, watches are {@code CuratorCache}s. Select it with
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
 * <tr><td>sextant.backend.max.in.flight</td><td>256</td><td>requests this backend has in flight at the
 *     ensemble at once; more wait their turn in arrival order (never refused, no thread waits)</td></tr>
 * <tr><td>sextant.zookeeper.client.&lt;name&gt;</td><td></td><td>passed unchanged to {@code ZKClientConfig} as
 *     {@code <name>}, for any other ZooKeeper client property</td></tr>
 * </table>
 *
 * <p><b>Records.</b> The namespace is a Curator namespace (chroot {@code /<namespace>}). A record is an
 * <em>ephemeral</em> znode: watches and {@code list} report only ephemeral nodes strictly below the
 * prefix; the persistent or container nodes above them ({@code /services}, {@code /services/<svc>})
 * are structure, never records. Ephemeral nodes cannot have children, so every record is a leaf.
 *
 * <p><b>Sessions.</b> One Curator client (one session) per backend; session timeout = {@code sextant.ttl}
 * (the server clamps it to its min/max session timeout, logged when it differs), connection timeout =
 * {@code sextant.connect.timeout}. {@code open} fails within the connect timeout with a
 * {@code BackendUnavailableException} naming the connect string when the ensemble is unreachable or
 * refuses the client. Curator's states map one to one (SUSPENDED, LOST, RECONNECTED; READ_ONLY counts as
 * SUSPENDED). After LOST, RECONNECTED is reported only once every open key has been written again under
 * the new session, right after {@code onEphemeralsRestored} (or after TTL + request timeout, with a
 * warning). A node still held by an earlier session of this backend (Curator gives a session up after
 * the session timeout cut off; a restarted ensemble keeps it for one more session timeout) is taken over
 * at once: deleted and re-created in one {@code multi} transaction, which watchers of this backend report
 * as an update, never as a removal. A node deleted behind the backend's back is put back (a one-shot
 * exists watch per node).
 *
 * <p><b>Requests.</b> Every request is asynchronous (Curator's background API) and holds one of
 * {@code sextant.backend.max.in.flight} permits until it is answered; the backend's own threads are a
 * fixed four, however many calls are in flight or however long the ensemble is down. Curator retries a
 * request only within the request time-out. Deregistration is one round trip: a delete of the version
 * this backend last wrote (a read first only when another client has rewritten the node since).
 *
 * <p><b>Watches.</b> A watch is a {@code CuratorCache} on the prefix node (recursive). Its first snapshot
 * is the cache's view when initialized; after every RECONNECTED a fresh cache is built and its view is
 * delivered as a {@code resync} snapshot, so a watcher ends exactly on the server's content even if
 * events were missed. Listener calls run on a per-watch serial executor, never on ZooKeeper's threads.
 * {@code list} walks the tree level by level, the reads of a level in flight together (ZooKeeper has no
 * multi-node snapshot read).
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
