/** Tests of the starter: Spring Boot applications on random ports against real ZooKeeper, real etcd and the memory backend. */
package io.sextant.spring;
