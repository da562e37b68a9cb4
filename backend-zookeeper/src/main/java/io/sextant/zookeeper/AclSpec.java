package io.sextant.zookeeper;

import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parses {@code sextant.zookeeper.acl}: comma-separated {@code scheme:id:perms} entries, perms from
 * {@code crwda} (create, read, write, delete, admin), e.g.
 * {@code digest:alice:HASH=:crwda,digest:bob:HASH=:crwda,world:anyone:r} or {@code sasl:orders-svc:crwda}.
 * The id may itself contain ':' (digest ids do): the scheme is before the first ':', the perms after the last.
 */
final class AclSpec {
    static final String KEY = "sextant.zookeeper.acl";

    private AclSpec() {
    }

    /** The parsed list, or {@code null} when {@code text} is null or blank. */
    static List<ACL> parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<ACL> out = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            int first = entry.indexOf(':');
            int last = entry.lastIndexOf(':');
            if (first <= 0 || last <= first + 1 || last == entry.length() - 1) {
                throw new IllegalArgumentException(KEY + " entries must be scheme:id:perms (perms from crwda), got '"
                        + escape(entry) + "'");
            }
            String scheme = entry.substring(0, first);
            String id = entry.substring(first + 1, last);
            out.add(new ACL(perms(entry.substring(last + 1), entry), new Id(scheme, id)));
        }
        return Collections.unmodifiableList(new ArrayList<>(out));
    }

    private static int perms(String letters, String entry) {
        int p = 0;
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'c' -> p |= ZooDefs.Perms.CREATE;
                case 'r' -> p |= ZooDefs.Perms.READ;
                case 'w' -> p |= ZooDefs.Perms.WRITE;
                case 'd' -> p |= ZooDefs.Perms.DELETE;
                case 'a' -> p |= ZooDefs.Perms.ADMIN;
                default -> throw new IllegalArgumentException(KEY + " perms must be letters of crwda, got '"
                        + escape(letters) + "' in '" + escape(entry) + "'");
            }
        }
        return p;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return sb.length() > 80 ? sb.substring(0, 77) + "..." : sb.toString();
    }
}
