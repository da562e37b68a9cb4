package io.sextant.example.greeter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.serviceregistry.Registration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /greet?name=Ada} answers with a greeting naming this instance. */
@RestController
class GreetingController {
    private final Registration registration;
    private final String greeting;

    GreetingController(Registration registration, @Value("${greeter.greeting:Hello}") String greeting) {
        this.registration = registration;
        this.greeting = greeting;
    }

    @GetMapping("/greet")
    String greet(@RequestParam(name = "name", defaultValue = "world") String name) {
        return greeting + ", " + name + " (from greeter " + registration.getInstanceId() + " on port "
                + registration.getPort() + ")";
    }
}
