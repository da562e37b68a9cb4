package io.sextant.example;

import io.sextant.example.caller.CallerApplication;
import io.sextant.example.greeter.GreeterApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The two example services find each other (on the in-memory backend, so the test needs no cluster). */
class ExampleTest {

    @Test
    void callerReachesTheGreeterByName() {
        String[] args = {"--sextant.backend=memory", "--sextant.memory.server=" + UUID.randomUUID(), "--server.port=0",
                "--sextant.registration.host=127.0.0.1"};
        try (ConfigurableApplicationContext greeter = new SpringApplicationBuilder(GreeterApplication.class)
                     .properties("spring.config.name=greeter").run(args);
             ConfigurableApplicationContext caller = new SpringApplicationBuilder(CallerApplication.class)
                     .properties("spring.config.name=caller").run(args)) {
            int port = ((WebServerApplicationContext) caller).getWebServer().getPort();
            String answer = RestClient.create().get().uri("http://127.0.0.1:" + port + "/hello?name=Ada")
                    .retrieve().body(String.class);
            assertThat(answer).startsWith("Hello, Ada (from greeter ").contains("on port "
                    + ((WebServerApplicationContext) greeter).getWebServer().getPort());
        }
    }
}
