package io.sextant.etcd;

import io.sextant.spi.support.InFlightLimit;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Key-value requests with namespace mapping, a request time-out and Sextant exceptions; results are
 * completed on {@code callbacks}, never on a jetcd transport thread. Every request holds a permit of the
 * backend's {@link InFlightLimit} while etcd works on it: beyond the limit requests wait their turn
 * (etcd would answer "too many requests" and starve the lease's keep-alives), and a request's time-out
 * starts when it is sent.
 */
final class KvOps {
    private final KV kv;
    private final KeyMapper keys;
    private final Duration timeout;
    private final Executor callbacks;
    private final String endpoints;
    private final InFlightLimit limit;

    KvOps(KV kv, KeyMapper keys, Duration timeout, Executor callbacks, String endpoints) {
        this(kv, keys, timeout, callbacks, endpoints, new InFlightLimit(EtcdSettings.DEFAULT_MAX_IN_FLIGHT, callbacks));
    }

    KvOps(KV kv, KeyMapper keys, Duration timeout, Executor callbacks, String endpoints, InFlightLimit limit) {
        this.limit = limit;
        this.kv = kv;
        this.keys = keys;
        this.timeout = timeout;
        this.callbacks = callbacks;
        this.endpoints = endpoints;
    }

    KeyMapper keys() {
        return keys;
    }

    CompletableFuture<Void> put(String key, byte[] value, long leaseId) {
        ByteSequence k = keys.key(key);
        return call(() -> kv.put(k, ByteSequence.from(value), PutOption.builder().withLeaseId(leaseId).build()),
                "put " + key).thenApply(r -> null);
    }

    /** Puts unless the key already holds exactly {@code value}. */
    CompletableFuture<Void> putIfDifferent(String key, byte[] value, long leaseId) {
        ByteSequence k = keys.key(key);
        ByteSequence v = ByteSequence.from(value);
        return call(() -> kv.txn()
                        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.value(v)))
                        .Else(Op.put(k, v, PutOption.builder().withLeaseId(leaseId).build()))
                        .commit(),
                "refresh " + key).thenApply(r -> null);
    }

    CompletableFuture<Boolean> delete(String key) {
        ByteSequence k = keys.key(key);
        return call(() -> kv.delete(k), "delete " + key).thenApply(r -> r.getDeleted() > 0);
    }

    CompletableFuture<Optional<byte[]>> get(String key) {
        ByteSequence k = keys.key(key);
        return call(() -> kv.get(k), "get " + key)
                .thenApply(r -> r.getKvs().isEmpty() ? Optional.empty() : Optional.of(r.getKvs().get(0).getValue().getBytes()));
    }

    /** Every key under {@code prefix} in one read; the response header carries its revision. */
    CompletableFuture<GetResponse> range(String prefix) {
        ByteSequence p = keys.prefix(prefix);
        return call(() -> kv.get(p, GetOption.builder().isPrefix(true).build()), "list " + prefix);
    }

    /** A count-only read of the whole namespace: proves the endpoint answers and lets us read. */
    CompletableFuture<Long> probe() {
        ByteSequence p = keys.prefix("/");
        return kv.get(p, GetOption.builder().isPrefix(true).withCountOnly(true).build())
                .thenApply(GetResponse::getCount);
    }

    Map<String, byte[]> entries(GetResponse response) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (KeyValue kv : response.getKvs()) {
            out.put(keys.relative(kv.getKey()), kv.getValue().getBytes());
        }
        return out;
    }

    CompletableFuture<Map<String, byte[]>> list(String prefix) {
        return range(prefix).thenApply(this::entries);
    }

    /**
     * Sends {@code request} within the in-flight limit, applies the request time-out from the moment it is
     * sent, translates failures and moves completion onto our executor.
     */
    <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> request, String what) {
        CompletableFuture<T> out = new CompletableFuture<>();
        limit.submit(() -> request.get().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)).whenComplete((r, t) -> {
            Runnable finish = () -> {
                if (t == null) {
                    out.complete(r);
                } else {
                    out.completeExceptionally(Failures.translate(t, what, endpoints));
                }
            };
            try {
                callbacks.execute(finish);
            } catch (RejectedExecutionException e) {
                finish.run(); // the backend closed meanwhile: complete here rather than never
            }
        });
        return out;
    }
}
