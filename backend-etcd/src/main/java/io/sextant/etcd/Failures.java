package io.sextant.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.sextant.BackendUnavailableException;
import io.sextant.SextantException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Classifies jetcd and gRPC failures and turns them into Sextant exceptions. */
final class Failures {
    private Failures() {
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** The lease is gone on the server (expired or revoked). */
    static boolean isLeaseNotFound(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains("lease not found")
                    || (c instanceof EtcdException e && e.getErrorCode() == ErrorCode.NOT_FOUND)
                    || (c instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.NOT_FOUND)) {
                return true;
            }
        }
        return false;
    }

    static boolean isCompacted(Throwable t) {
        Throwable c = unwrap(t);
        return c instanceof CompactedException || String.valueOf(c.getMessage()).contains("has been compacted");
    }

    /** The server refused our identity or permissions: retrying will not help. */
    static boolean isAuth(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EtcdException e && (e.getErrorCode() == ErrorCode.UNAUTHENTICATED
                    || e.getErrorCode() == ErrorCode.PERMISSION_DENIED)) {
                return true;
            }
            if (c instanceof StatusRuntimeException s && (s.getStatus().getCode() == Status.Code.UNAUTHENTICATED
                    || s.getStatus().getCode() == Status.Code.PERMISSION_DENIED)) {
                return true;
            }
            String m = String.valueOf(c.getMessage());
            if (m.contains("authentication failed") || m.contains("permission denied") || m.contains("user name is empty")
                    || m.contains("invalid auth token")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** A Sextant exception for a failed {@code what} (for example "put /services/a/i-1"). */
    static RuntimeException translate(Throwable t, String what, String endpoints) {
        Throwable c = unwrap(t);
        if (c instanceof SextantException s) {
            return s;
        }
        if (c instanceof IllegalArgumentException i) {
            return i;
        }
        if (c instanceof TimeoutException) {
            return new BackendUnavailableException(what + " timed out at etcd " + endpoints, c);
        }
        if (isAuth(c)) {
            return new BackendUnavailableException(what + " refused by etcd " + endpoints
                    + " (authentication or permission): " + describe(c), c);
        }
        return new BackendUnavailableException(what + " failed at etcd " + endpoints + ": " + describe(c), c);
    }

    /** The innermost useful message of a chain. */
    static String describe(Throwable t) {
        Throwable c = unwrap(t);
        StringBuilder sb = new StringBuilder(String.valueOf(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()));
        Throwable root = c;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != c && root.getMessage() != null && !sb.toString().contains(root.getMessage())) {
            sb.append(" (").append(root.getMessage()).append(')');
        }
        return sb.toString();
    }
}
