package io.sextant.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.CompactResponse;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.TxnOption;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory {@link KV} for unit tests: puts apply at once; deletes apply at once unless held, in
 * which case they reach the "cluster" only when {@link #releaseDeletes()} is called (a delete still
 * in flight while later requests overtake it).
 */
final class FakeKv implements KV {
    private final Map<String, String> data = new ConcurrentHashMap<>();
    private final List<Runnable> heldDeletes = new ArrayList<>();
    private boolean holdDeletes;
    private int failDeletes;

    String value(String etcdKey) {
        return data.get(etcdKey);
    }

    synchronized void holdDeletes() {
        holdDeletes = true;
    }

    synchronized int heldDeletes() {
        return heldDeletes.size();
    }

    /** The next {@code n} deletes fail as if no member answered. */
    synchronized void failDeletes(int n) {
        failDeletes = n;
    }

    void releaseDeletes() {
        List<Runnable> held;
        synchronized (this) {
            holdDeletes = false;
            held = new ArrayList<>(heldDeletes);
            heldDeletes.clear();
        }
        held.forEach(Runnable::run);
    }

    @Override
    public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value) {
        return put(key, value, PutOption.DEFAULT);
    }

    @Override
    public CompletableFuture<PutResponse> put(ByteSequence key, ByteSequence value, PutOption option) {
        data.put(s(key), s(value));
        return CompletableFuture.completedFuture(new PutResponse(io.etcd.jetcd.api.PutResponse.getDefaultInstance(),
                ByteSequence.EMPTY));
    }

    @Override
    public CompletableFuture<DeleteResponse> delete(ByteSequence key) {
        return delete(key, DeleteOption.DEFAULT);
    }

    @Override
    public CompletableFuture<DeleteResponse> delete(ByteSequence key, DeleteOption option) {
        CompletableFuture<DeleteResponse> out = new CompletableFuture<>();
        Runnable apply = () -> {
            long n = data.remove(s(key)) == null ? 0 : 1;
            out.complete(new DeleteResponse(io.etcd.jetcd.api.DeleteRangeResponse.newBuilder().setDeleted(n).build(),
                    ByteSequence.EMPTY));
        };
        synchronized (this) {
            if (failDeletes > 0) {
                failDeletes--;
                return CompletableFuture.failedFuture(io.grpc.Status.UNAVAILABLE.asRuntimeException());
            }
            if (holdDeletes) {
                heldDeletes.add(apply);
                return out;
            }
        }
        apply.run();
        return out;
    }

    @Override
    public CompletableFuture<GetResponse> get(ByteSequence key) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<GetResponse> get(ByteSequence key, GetOption option) {
        io.etcd.jetcd.api.RangeResponse.Builder r = io.etcd.jetcd.api.RangeResponse.newBuilder()
                .setHeader(io.etcd.jetcd.api.ResponseHeader.newBuilder().setRevision(1));
        String k = s(key);
        data.forEach((dk, dv) -> {
            if (option.isPrefix() ? dk.startsWith(k) : dk.equals(k)) {
                r.addKvs(io.etcd.jetcd.api.KeyValue.newBuilder()
                        .setKey(com.google.protobuf.ByteString.copyFromUtf8(dk))
                        .setValue(com.google.protobuf.ByteString.copyFromUtf8(dv)));
            }
        });
        return CompletableFuture.completedFuture(new GetResponse(r.build(), ByteSequence.EMPTY));
    }

    @Override
    public CompletableFuture<CompactResponse> compact(long rev) {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<CompactResponse> compact(long rev, CompactOption option) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Txn txn() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Txn txn(TxnOption option) {
        throw new UnsupportedOperationException();
    }

    private static String s(ByteSequence b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
