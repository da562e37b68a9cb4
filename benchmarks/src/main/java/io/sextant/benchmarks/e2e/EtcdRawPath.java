package io.sextant.benchmarks.e2e;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The floor on etcd: a jetcd put by one client until another client's watch delivers it. */
final class EtcdRawPath {
    private EtcdRawPath() {
    }

    static Latencies raw(String endpoint, int warmup, int n) throws Exception {
        ByteSequence key = bs("/raw-bench/x");
        try (Client writer = Client.builder().endpoints(endpoint).build();
             Client reader = Client.builder().endpoints(endpoint).build()) {
            writer.getKVClient().put(key, bs("0")).get(20, TimeUnit.SECONDS);
            Signal signal = new Signal();
            try (Watch.Watcher ignored = reader.getWatchClient().watch(bs("/raw-bench/"),
                    WatchOption.builder().isPrefix(true).build(), response -> {
                        for (WatchEvent e : response.getEvents()) {
                            if (e.getEventType() == WatchEvent.EventType.PUT) {
                                signal.saw(Long.parseLong(e.getKeyValue().getValue().toString(StandardCharsets.UTF_8)));
                            }
                        }
                    })) {
                // The watch is established once it delivers something: nudge until it does.
                long start = System.nanoTime();
                while (signal.await(0, start, 0) < 0) {
                    writer.getKVClient().put(key, bs("0")).get(20, TimeUnit.SECONDS);
                    if (signal.await(0, System.nanoTime(), 200) >= 0 || System.nanoTime() - start > 20_000_000_000L) {
                        break;
                    }
                }
                Latencies out = new Latencies("etcd raw: jetcd put -> watch", n);
                for (int seq = 1; seq <= warmup + n; seq++) {
                    long t0 = System.nanoTime();
                    writer.getKVClient().put(key, bs(Integer.toString(seq)));
                    long took = signal.await(seq, t0, 10_000);
                    if (took < 0) {
                        throw new IllegalStateException("raw etcd: update " + seq + " lost");
                    }
                    if (seq > warmup) {
                        out.add(took);
                    }
                }
                return out;
            }
        }
    }

    private static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
