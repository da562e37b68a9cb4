package io.sextant.etcd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class KvOpsTest {

    @Test
    void aRequestAnsweredAfterTheBackendClosedStillCompletes() {
        FakeKv fake = new FakeKv();
        ExecutorService dispatch = Executors.newCachedThreadPool();
        KvOps kv = new KvOps(fake, new KeyMapper("ns"), Duration.ofSeconds(5), dispatch, "test");
        fake.holdDeletes();
        CompletableFuture<Boolean> delete = kv.delete("/services/s/a");

        dispatch.shutdown(); // what EtcdBackend.close() does to its dispatch pool
        fake.releaseDeletes();

        await().atMost(Duration.ofSeconds(2)).until(delete::isDone);
    }
}
