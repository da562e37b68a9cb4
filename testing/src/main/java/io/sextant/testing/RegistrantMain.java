package io.sextant.testing;

import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that registers instances and then waits to be killed. Arguments: the service, the
 * number of instances, then {@code key=value} config pairs. Prints {@code READY id1,id2,...} once
 * every registration is in the backend.
 */
public final class RegistrantMain {
    private RegistrantMain() {
    }

    public static void main(String[] args) throws Exception {
        String service = args[0];
        int count = Integer.parseInt(args[1]);
        Properties props = new Properties();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            props.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Registry registry = Registry.open(SextantConfig.fromProperties(props));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ServiceInstance instance = ServiceInstance.builder(service).id("child-" + ProcessHandle.current().pid() + "-" + i)
                    .host("127.0.0.1").port(20_000 + i).build();
            registry.register(instance);
            ids.add(instance.id());
        }
        System.out.println("READY " + String.join(",", ids));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
