package io.sextant.it.etcd;

import io.etcd.jetcd.Client;
import io.sextant.SextantConfig;
import io.sextant.spi.Backend;
import io.sextant.testing.EtcdCluster;
import io.sextant.testing.EtcdFixture;
import io.sextant.testing.EtcdMember;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.sextant.it.etcd.EtcdBackendIT.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A quiet prefix (no event of its own for a long time) resumes its watch after compaction has passed its
 * last event and the member it watches through is killed: progress notifications have moved its resume
 * revision along, so it needs no full read (no resync). The members send a progress notification every
 * second ({@code ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL}, set for the ITs in the pom; etcd's
 * default is 10 minutes).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdQuietWatchIT {
    static final String PROGRESS_INTERVAL = "ETCD_EXPERIMENTAL_WATCH_PROGRESS_NOTIFY_INTERVAL";
    private static EtcdFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getenv(PROGRESS_INTERVAL) != null, PROGRESS_INTERVAL + " is not set for the etcd members");
        fixture = EtcdFixture.members(3);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aQuietWatchResumesAfterCompactionAndALeaderKillWithoutAFullRead() throws Exception {
        EtcdMember leader = fixture.cluster().leader();
        SextantConfig config = fixture.config().namespace("quiet").build();
        // The watcher talks to the leader only, so killing it certainly interrupts the watch.
        SextantConfig throughLeader = config.toBuilder().set("sextant.etcd.endpoints", leader.clientUrl()).build();
        try (Backend writer = Backends.open(config); Backend reader = Backends.open(throughLeader);
             Client admin = fixture.adminClient()) {
            writer.putEphemeral("/services/quiet/q-1", b("q")).get(5, TimeUnit.SECONDS);
            RecordingWatch watch = new RecordingWatch();
            reader.watch("/services/quiet/", watch);
            await().until(() -> watch.view().size() == 1);

            // Traffic elsewhere moves the revision on; the quiet prefix sees none of it.
            for (int i = 0; i < 50; i++) {
                writer.putEphemeral("/services/busy/b-" + (i % 5), b("v" + i)).get(5, TimeUnit.SECONDS);
            }
            // A few progress intervals, the watch staying as it is.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(8))
                    .until(() -> watch.history().size() == 1 && watch.view().size() == 1);
            long revision = admin.getKVClient().get(EtcdCluster.bytes("/")).get(5, TimeUnit.SECONDS)
                    .getHeader().getRevision();
            admin.getKVClient().compact(revision).get(5, TimeUnit.SECONDS);

            leader.kill();
            leader.start();
            fixture.cluster().awaitHealthy();

            // The watch resumes: a new record in the quiet prefix reaches it ...
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                writer.putEphemeral("/services/quiet/q-2", b("q2")).get(3, TimeUnit.SECONDS);
                return true;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.view().containsKey("/services/quiet/q-2"));
            // ... without a full read of the prefix.
            assertThat(watch.of("RESYNC")).as("resyncs (full reads) after the interruption: %s", watch.history())
                    .isEmpty();
            assertThat(watch.of("PUT")).extracting(RecordingWatch.Event::key).containsExactly("/services/quiet/q-2");
        }
    }
}
