package io.sextant.zookeeper;

import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * ACLs of the nodes this backend creates when it has credentials: records and service nodes are
 * "creator: all, anyone: read"; the namespace node and {@code /services} also let anyone create children,
 * so each identity can add its own services. Curator passes full paths (namespace included).
 *
 * <p>With {@code sextant.zookeeper.acl} (the identities that share the namespace), the namespace node,
 * {@code /services} and every service node carry that list plus "creator: all", so each listed identity
 * can add (and remove) instances of any service; records carry "creator: all" plus each listed entry
 * reduced to read. ZooKeeper checks a delete on the parent, so an identity that may deregister its own
 * instances may delete the others' too: list only identities that trust each other.
 */
final class RegistryAclProvider implements ACLProvider {
    // "auth" with an empty id stands for every identity the creating connection authenticated as.
    private static final ACL CREATOR_ALL = new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS);
    private static final ACL ANYONE_READ = new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE);
    private static final ACL ANYONE_READ_CREATE =
            new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.CREATE, ZooDefs.Ids.ANYONE_ID_UNSAFE);

    // Not List.of: ZooKeeper.validateACL calls contains(null), which List.of rejects.
    static final List<ACL> OWNED = Collections.unmodifiableList(Arrays.asList(CREATOR_ALL, ANYONE_READ));
    static final List<ACL> SHARED_PARENT = Collections.unmodifiableList(Arrays.asList(CREATOR_ALL, ANYONE_READ_CREATE));

    private final String namespaceRoot;
    private final String servicesRoot;
    private final List<ACL> parents;
    private final List<ACL> records;

    RegistryAclProvider(String namespace) {
        this(namespace, null);
    }

    /** @param custom the configured ACL list, or {@code null} for the defaults above */
    RegistryAclProvider(String namespace, List<ACL> custom) {
        this.namespaceRoot = "/" + namespace;
        this.servicesRoot = namespaceRoot + "/services";
        if (custom == null) {
            this.parents = SHARED_PARENT;
            this.records = OWNED;
        } else {
            List<ACL> p = new java.util.ArrayList<>();
            p.add(CREATOR_ALL);
            p.addAll(custom);
            List<ACL> r = new java.util.ArrayList<>();
            r.add(CREATOR_ALL);
            for (ACL a : custom) {
                if ((a.getPerms() & ZooDefs.Perms.READ) != 0) {
                    r.add(new ACL(ZooDefs.Perms.READ, a.getId()));
                }
            }
            this.parents = Collections.unmodifiableList(p);
            this.records = Collections.unmodifiableList(r);
        }
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return records;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        if (path == null || path.equals("/") || path.equals(namespaceRoot) || path.equals(servicesRoot)) {
            return parents;
        }
        if (parents != SHARED_PARENT && path.startsWith(servicesRoot + "/")
                && path.indexOf('/', servicesRoot.length() + 1) < 0) {
            return parents; // a service node: every listed identity may add its instances
        }
        return records;
    }
}
