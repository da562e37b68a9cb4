package io.sextant.spring;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/** Hands the main web server's actual port (not the management server's) to the registration. */
final class WebServerPortListener implements ApplicationListener<WebServerInitializedEvent> {
    private final SextantRegistration registration;
    private final boolean portConfigured;

    WebServerPortListener(SextantRegistration registration, boolean portConfigured) {
        this.registration = registration;
        this.portConfigured = portConfigured;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        String namespace = event.getApplicationContext().getServerNamespace();
        if (!portConfigured && (namespace == null || namespace.isEmpty() || "server".equals(namespace))) {
            registration.port(event.getWebServer().getPort());
        }
    }
}
