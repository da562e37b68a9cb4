package io.sextant.spring;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration processor's metadata (for IDE completion) ships in the jar with the library's keys and hints. */
class ConfigurationMetadataTest {

    @Test
    void metadataListsTheKeysWithDescriptionsAndBackendHints() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"name\": \"sextant.backend\"", "\"name\": \"sextant.etcd.endpoints\"",
                "\"name\": \"sextant.zookeeper.connect\"", "\"name\": \"sextant.cache.massdrop.threshold\"",
                "\"name\": \"sextant.registration.drain-delay\"", "\"name\": \"sextant.discovery.strategy\"",
                "etcd client URLs", "\"value\": \"zookeeper\"", "\"value\": \"maglev\"");
    }
}
