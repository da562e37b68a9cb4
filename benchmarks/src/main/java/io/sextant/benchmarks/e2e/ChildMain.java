package io.sextant.benchmarks.e2e;

import io.sextant.Registry;
import io.sextant.ServiceInstance;
import io.sextant.SextantConfig;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * A registering process for failure detection: {@code sextant <id> key=value...} or
 * {@code curator-x <id> <connect> <sessionMillis>}. Prints READY, then waits for kill -9.
 */
public final class ChildMain {
    private ChildMain() {
    }

    public static void main(String[] args) throws Exception {
        String id = args[1];
        if (args[0].equals("sextant")) {
            Properties p = new Properties();
            for (int i = 2; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                p.setProperty(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            Registry r = Registry.open(SextantConfig.fromProperties(p));
            r.register(ServiceInstance.builder("victim").id(id).host("127.0.0.1").port(9100).build());
        } else {
            CuratorFramework c = ZooKeeperPaths.client(args[2], Integer.parseInt(args[3]));
            ServiceDiscovery<String> d = ZooKeeperPaths.discovery(c);
            d.registerService(org.apache.curator.x.discovery.ServiceInstance.<String>builder().name("victim").id(id)
                    .address("127.0.0.1").port(9100).payload("x").build());
        }
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
