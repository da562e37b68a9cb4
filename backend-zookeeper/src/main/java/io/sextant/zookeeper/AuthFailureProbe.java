package io.sextant.zookeeper;

import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;

/**
 * Tells whether a {@link PersistentNode} gave up on NOAUTH. The recipe only logs it and stops trying;
 * its {@code isAuthFailure()} is package-private, so it is read reflectively. When that method is
 * missing (another Curator version) the probe answers {@code false} and callers fall back to their
 * timeout.
 */
final class AuthFailureProbe {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureProbe.class);
    private static final Method IS_AUTH_FAILURE = find();

    private AuthFailureProbe() {
    }

    static boolean failedOnAuth(PersistentNode node) {
        if (IS_AUTH_FAILURE == null) {
            return false;
        }
        try {
            return (Boolean) IS_AUTH_FAILURE.invoke(node);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Method find() {
        try {
            Method m = PersistentNode.class.getDeclaredMethod("isAuthFailure");
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("PersistentNode.isAuthFailure() is not reachable; NOAUTH surfaces after the request timeout", e);
            return null;
        }
    }
}
