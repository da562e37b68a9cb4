/** A stand-alone ZooKeeper server for trying the example without a cluster. */
package io.sextant.example.zookeeper;
