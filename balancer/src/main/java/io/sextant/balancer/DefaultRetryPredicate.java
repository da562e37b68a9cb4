package io.sextant.balancer;


import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.function.Predicate;

/**
 * The default retry predicate: a failure is retried when it, or an exception in its cause chain, is
 * a {@link RetryableException} or a connection-level failure from before the request was sent (the
 * request cannot have had an effect). Read timeouts and resets are not retried: the instance may
 * have acted on the request.
 */
final class DefaultRetryPredicate implements Predicate<Throwable> {
    /** The one instance. */
    static final DefaultRetryPredicate INSTANCE = new DefaultRetryPredicate();
    private static final int MAX_DEPTH = 16; // cause chains may be cyclic

    private DefaultRetryPredicate() {
    }

    @Override
    public boolean test(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++) {
            if (t instanceof RetryableException || isConnectionLevel(t)) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }

    private static boolean isConnectionLevel(Throwable t) {
        return t instanceof ConnectException || t instanceof NoRouteToHostException
                || t instanceof PortUnreachableException || t instanceof UnknownHostException
                || t instanceof HttpConnectTimeoutException;
    }

    @Override
    public String toString() {
        return "RetryableException or a connection-level IOException";
    }
}
