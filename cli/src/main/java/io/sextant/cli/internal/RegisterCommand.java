package io.sextant.cli.internal;

import io.sextant.InstanceStatus;
import io.sextant.Registration;
import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sextant register SERVICE HOST:PORT}: holds a registration until Ctrl-C or SIGTERM. */
@Command(name = "register", header = "Register an instance and hold it until Ctrl-C or SIGTERM.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Register an instance of SERVICE at HOST:PORT and keep it registered (kept alive, and"
                + " repaired after a lost session or lease) until Ctrl-C or SIGTERM; then deregister and exit"
                + " 0. If the process is killed instead, the record expires after the TTL."
        })
public final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "Service name: [a-z0-9][a-z0-9._-]{0,62}.")
    String service;

    @Parameters(index = "1", paramLabel = "HOST:PORT", description = "Where the instance listens, e.g. 10.0.0.5:8080 or [::1]:8080.")
    String address;

    @Option(names = "--id", paramLabel = "ID", description = "Instance id, unique per service; default a random UUID.")
    String id;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Zone, e.g. eu-1a; default none.")
    String zone;

    @Option(names = "--weight", paramLabel = "N", description = "Weight 0..10000; default 100.")
    Integer weight;

    @Option(names = "--status", paramLabel = "STATUS", description = "UP, DRAINING or DOWN; default UP.")
    InstanceStatus status;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata entry; repeatable.")
    Map<String, String> metadata = new LinkedHashMap<>();

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        HostPort hp = HostPort.parse("HOST:PORT", address);
        ServiceInstance.Builder b = ServiceInstance.builder(service).host(hp.host()).port(hp.port()).metadata(metadata);
        if (id != null) {
            b.id(id);
        }
        if (zone != null) {
            b.zone(zone);
        }
        if (weight != null) {
            b.weight(weight);
        }
        if (status != null) {
            b.status(status);
        }
        ServiceInstance instance = b.build();
        SextantConfig config = connection.config();
        PrintWriter out = spec.commandLine().getOut();
        Shutdown shutdown = RootCommand.context(spec).shutdown();
        shutdown.arm();
        Registry registry = Registries.open(config);
        // A JVM exit we do not handle (SIGHUP, an error) still deregisters; idempotent with the close below.
        Thread hook = new Thread(registry::close, "sextant-deregister");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Registration registration = registry.register(instance);
            ServiceInstance i = registration.instance();
            out.println("registered " + i.service() + "/" + i.id() + " at " + i.address()
                    + (i.zone().isEmpty() ? "" : " zone=" + i.zone()) + " weight=" + i.weight() + " " + i.status()
                    + " on " + config.backend() + " (namespace '" + config.namespace() + "', ttl "
                    + Texts.duration(config.ttl()) + ")");
            out.println("holding the registration; Ctrl-C or SIGTERM deregisters");
            out.flush();
            shutdown.await(null);
            registration.close();
            out.println("deregistered " + i.service() + "/" + i.id() + " (" + shutdown.reason() + ")");
            out.flush();
        } finally {
            registry.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook closes an already closed registry
            }
        }
        return ExitCodes.OK;
    }
}
