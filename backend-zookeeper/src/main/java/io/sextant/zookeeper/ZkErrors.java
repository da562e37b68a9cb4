package io.sextant.zookeeper;

import io.sextant.BackendUnavailableException;
import io.sextant.SextantException;
import org.apache.zookeeper.KeeperException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns Curator and ZooKeeper failures into Sextant exceptions that name the ensemble and the key. */
final class ZkErrors {
    private ZkErrors() {
    }

    static RuntimeException translate(String connect, String operation, String key, Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof SextantException s) {
            return s;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return (RuntimeException) e;
        }
        String where = operation + " " + key + " at ZooKeeper " + connect;
        if (e instanceof KeeperException.NoAuthException || e instanceof KeeperException.AuthFailedException) {
            return new BackendUnavailableException(where + " refused: this identity is not authorized ("
                    + e.getMessage() + ")", e);
        }
        if (e instanceof KeeperException.ConnectionLossException
                || e instanceof KeeperException.SessionExpiredException
                || e instanceof KeeperException.OperationTimeoutException
                || e instanceof TimeoutException) {
            return new BackendUnavailableException(where + " failed: ensemble unreachable (" + e + ")", e);
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new BackendUnavailableException(where + " interrupted", e);
        }
        return new SextantException(where + " failed: " + e, e);
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
