package io.sextant.spring;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The called service: answers {@code /who} with its instance id. Also runs as a child JVM (main). */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(ServiceBApp.WhoController.class)
class ServiceBApp {

    /** Runs B in this JVM and prints {@code READY} once it is registered. Arguments are Spring properties. */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ServiceBApp.class);
        app.addListeners((ApplicationListener<ApplicationReadyEvent>) e -> System.out.println("READY"));
        app.run(args);
    }

    @RestController
    static class WhoController {
        private final String id;
        private final boolean failing;

        WhoController(@Value("${sextant.registration.instance-id}") String id,
                      @Value("${test.failing:false}") boolean failing) {
            this.id = id;
            this.failing = failing;
        }

        @GetMapping("/who")
        String who() {
            if (failing) {
                throw new IllegalStateException("instance " + id + " is failing on purpose");
            }
            return id;
        }
    }
}
