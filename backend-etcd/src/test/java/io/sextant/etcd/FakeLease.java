package io.sextant.etcd;

import io.etcd.jetcd.Lease;
import io.etcd.jetcd.lease.LeaseGrantResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.lease.LeaseRevokeResponse;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A scriptable in-memory {@link Lease} for unit tests of the lease keeper. */
final class FakeLease implements Lease {
    /** What the next keepAliveOnce calls answer: "ok", "unavailable", "notfound" or "hang"; then "ok". */
    final Queue<String> probeAnswers = new ArrayDeque<>();
    final List<Long> granted = new CopyOnWriteArrayList<>();
    final AtomicLong probes = new AtomicLong();
    /** The lease id of every keepAliveOnce call, in order. */
    final List<Long> keptAlive = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    /** How many of the next grant calls throw synchronously (as jetcd does when its call cannot start). */
    final AtomicInteger grantThrows = new AtomicInteger();
    final AtomicInteger grantCalls = new AtomicInteger();

    @Override
    public CompletableFuture<LeaseGrantResponse> grant(long ttl) {
        grantCalls.incrementAndGet();
        if (grantThrows.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("injected: the grant call could not start");
        }
        long id = ids.incrementAndGet();
        granted.add(id);
        return CompletableFuture.completedFuture(new LeaseGrantResponse(
                io.etcd.jetcd.api.LeaseGrantResponse.newBuilder().setID(id).setTTL(ttl).build()));
    }

    @Override
    public CompletableFuture<LeaseGrantResponse> grant(long ttl, long timeout, TimeUnit unit) {
        return grant(ttl);
    }

    @Override
    public CompletableFuture<LeaseRevokeResponse> revoke(long leaseId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<LeaseKeepAliveResponse> keepAliveOnce(long leaseId) {
        probes.incrementAndGet();
        keptAlive.add(leaseId);
        String answer = probeAnswers.isEmpty() ? "ok" : probeAnswers.poll();
        return switch (answer) {
            case "unavailable" -> CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException());
            case "notfound" -> CompletableFuture.failedFuture(Status.NOT_FOUND
                    .withDescription("etcdserver: requested lease not found").asRuntimeException());
            case "hang" -> new CompletableFuture<>();
            default -> CompletableFuture.completedFuture(response(leaseId));
        };
    }

    synchronized void script(String... answers) {
        probeAnswers.addAll(List.of(answers));
    }

    static LeaseKeepAliveResponse response(long id) {
        return new LeaseKeepAliveResponse(io.etcd.jetcd.api.LeaseKeepAliveResponse.newBuilder().setID(id).setTTL(2).build());
    }

    @Override
    public CompletableFuture<LeaseTimeToLiveResponse> timeToLive(long leaseId, LeaseOption option) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CloseableClient keepAlive(long leaseId, StreamObserver<LeaseKeepAliveResponse> observer) {
        throw new UnsupportedOperationException("the keeper drives keep-alives itself");
    }
}
