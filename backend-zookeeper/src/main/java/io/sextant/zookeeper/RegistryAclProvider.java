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

    RegistryAclProvider(String namespace) {
        this.namespaceRoot = "/" + namespace;
        this.servicesRoot = namespaceRoot + "/services";
    }

    @Override
    public List<ACL> getDefaultAcl() {
        return OWNED;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        if (path == null || path.equals("/") || path.equals(namespaceRoot) || path.equals(servicesRoot)) {
            return SHARED_PARENT;
        }
        return OWNED;
    }
}
