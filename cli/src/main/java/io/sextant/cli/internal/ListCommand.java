package io.sextant.cli.internal;

import io.sextant.InstanceSet;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code sextant list [SERVICE]}: the services, or one service's instances. */
@Command(name = "list", header = "List the services, or one service's instances.",
        mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "List the registered services, or the instances of SERVICE with id, address, zone, weight,"
                + " status, age and metadata."
        })
public final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE", description = "A service name; all services when omitted.")
    String service;

    @Option(names = "--json", description = "One JSON document with stable field names instead of a table.")
    boolean json;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        SextantConfig config = connection.config();
        PrintWriter out = spec.commandLine().getOut();
        try (Registry registry = Registries.open(config)) {
            if (service == null) {
                listServices(registry, config, out);
            } else {
                listInstances(registry, config, out);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void listServices(Registry registry, SextantConfig config, PrintWriter out) throws Exception {
        TreeSet<String> names;
        try {
            names = new TreeSet<>(registry.services().get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            throw CliException.failed("listing services failed", e instanceof ExecutionException ? e.getCause() : e);
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        TextTable table = new TextTable("SERVICE", ">INSTANCES", ">UP", "ZONES");
        for (String name : names) {
            InstanceSet set = Registries.readyCache(registry, name).snapshot();
            long up = set.instances().stream().filter(ServiceInstance::isPickable).count();
            TreeSet<String> zones = new TreeSet<>();
            set.instances().forEach(i -> zones.add(Texts.zone(i)));
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", name);
            doc.put("instances", set.size());
            doc.put("up", up);
            doc.put("zones", List.copyOf(zones));
            docs.add(doc);
            table.row(name, set.size(), up, String.join(",", zones));
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("backend", config.backend());
            doc.put("namespace", config.namespace());
            doc.put("services", docs);
            out.println(Json.write(doc));
        } else if (table.isEmpty()) {
            out.println("no services registered in namespace '" + config.namespace() + "'");
        } else {
            table.lines("", Style.plain()).forEach(out::println);
        }
    }

    private void listInstances(Registry registry, SextantConfig config, PrintWriter out) {
        InstanceSet set = Registries.readyCache(registry, service).snapshot();
        Instant now = Instant.now();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("backend", config.backend());
            doc.put("namespace", config.namespace());
            doc.put("service", service);
            List<Map<String, Object>> list = new ArrayList<>();
            set.instances().forEach(i -> list.add(Json.instance(i, now)));
            doc.put("instances", list);
            out.println(Json.write(doc));
            return;
        }
        if (set.isEmpty()) {
            out.println("no instances of '" + service + "' registered in namespace '" + config.namespace() + "'");
            return;
        }
        TextTable table = new TextTable("ID", "ADDRESS", "ZONE", ">WEIGHT", "STATUS", ">AGE", "METADATA");
        for (ServiceInstance i : set.instances()) {
            table.row(i.id(), i.address(), Texts.zone(i), i.weight(), i.status(), Texts.age(i.registeredAt(), now),
                    Texts.metadata(i));
        }
        table.lines("", Style.plain()).forEach(out::println);
    }
}
