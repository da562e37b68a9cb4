package io.sextant.example.zookeeper;

import io.sextant.zookeeper.EmbeddedZooKeeper;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a single ZooKeeper server in this process on {@code 127.0.0.1:2181} (or the port given as the
 * first argument) until stopped with Ctrl-C, so the example runs without a cluster.
 */
public final class LocalZooKeeper {
    private LocalZooKeeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2181;
        EmbeddedZooKeeper zk = new EmbeddedZooKeeper(port).start();
        System.out.println("ZooKeeper serving at " + zk.connectString() + " (Ctrl-C to stop)");
        Runtime.getRuntime().addShutdownHook(new Thread(zk::close, "zookeeper-stop"));
        new CountDownLatch(1).await();
    }
}
