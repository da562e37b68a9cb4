package io.sextant.micrometer;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sextant.Registry;
import io.sextant.ServiceCache;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import io.sextant.balancer.Balancer;
import io.sextant.balancer.PickContext;
import io.sextant.testing.ZooKeeperFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running registry and balancer on real ZooKeeper, scraped by Prometheus (in process and over HTTP):
 * the scrape holds every meter of the documented metrics table, and nothing undocumented.
 */
@Timeout(120)
class PrometheusScrapeTest {

    @Test
    void theScrapeShowsExactlyTheDocumentedMeters() throws Exception {
        MetricsTable table = MetricsTable.load();
        assertThat(table.rows()).as("rows of %s", table.source()).hasSize(22);
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (ZooKeeperFixture zk = ZooKeeperFixture.single()) {
            SextantConfig config = zk.config().namespace("scrape").build();
            try (Registry registry = Registry.open(config); SextantMetrics metrics = SextantMetrics.of(registry)) {
                metrics.bindTo(prometheus);
                ServiceCache orders = registry.cache("orders");
                registry.register(ServiceInstance.builder("orders").id("a").host("127.0.0.1").port(8080).build());
                await().until(() -> orders.snapshot().size() == 1);
                Balancer balancer = Balancer.builder(orders).build();
                try (BalancerMetrics bm = metrics.balancer(balancer, orders).withPicksPerInstance(true)) {
                    bm.bindTo(prometheus);
                    bm.measured().pick(PickContext.NONE);
                    zk.expireOwnerOf(config, "/services/orders/a"); // a repair (backend-restored) is counted
                    await().until(() -> prometheus.find(MeterNames.REGISTRATIONS_REPAIRS).counter() != null);
                    await().until(() -> orders.snapshot().size() == 1 && !orders.snapshot().isStale());

                    String scraped = prometheus.scrape();
                    for (MetricsTable.Row row : table.rows()) {
                        assertThat(prometheus.find(row.name()).meters()).as(row.name()).isNotEmpty();
                    }
                    assertThat(families(scraped)).isEqualTo(table.prometheusNames());
                    assertThat(scraped).contains("sextant_cache_instances{backend=\"zookeeper\",service=\"orders\"} 1.0");
                    assertThat(scraped).contains("sextant_balancer_picks_total{backend=\"zookeeper\",instance=\"a\","
                            + "service=\"orders\"} 1.0");

                    String overHttp = scrapeOverHttp(prometheus);
                    assertThat(families(overHttp)).isEqualTo(table.prometheusNames());
                }
            }
        }
    }

    /** The documented Prometheus names of a scrape's {@code sextant_} samples (a timer's parts map to its name). */
    static Set<String> families(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("sextant_")) {
                continue;
            }
            int end = line.indexOf('{');
            String sample = line.substring(0, end < 0 ? line.indexOf(' ') : end);
            names.add(sample.replaceFirst("_(count|sum|max)$", ""));
        }
        return names;
    }

    private static String scrapeOverHttp(PrometheusMeterRegistry prometheus) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = prometheus.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            return response.body();
        } finally {
            server.stop(0);
        }
    }
}
