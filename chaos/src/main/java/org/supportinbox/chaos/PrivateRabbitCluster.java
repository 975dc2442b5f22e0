package org.supportinbox.chaos;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A RabbitMQ cluster of the run's own: {@code size} {@link PrivateRabbit} nodes ({@code
 * chaos-<id>-a@localhost}, {@code -b}, ...) on loopback ports, sharing one Erlang cookie in a
 * temporary directory, the second and later joined to the first ({@code rabbitmqctl join_cluster}).
 * Quorum queues declared once it is formed get a member on every node. The faults: SIGKILL of a
 * node's Erlang VM and a restart with the same name and data. {@link #close()} stops every node and
 * deletes the directory; the machine's shared broker is never touched.
 */
final class PrivateRabbitCluster implements AutoCloseable {

  private final Path home;
  private final List<PrivateRabbit> nodes;

  private PrivateRabbitCluster(Path home, List<PrivateRabbit> nodes) {
    this.home = home;
    this.nodes = nodes;
  }

  /** Starts {@code size} nodes (in parallel), then clusters them; waits for all. */
  static PrivateRabbitCluster start(int size, Duration timeout) throws IOException {
    Path home = Files.createTempDirectory("chaos-rabbit-cluster-");
    PrivateRabbit.writeCookie(home);
    String id = UUID.randomUUID().toString().substring(0, 8);
    List<PrivateRabbit> nodes = new ArrayList<>();
    PrivateRabbitCluster cluster = new PrivateRabbitCluster(home, nodes);
    try {
      for (int i = 0; i < size; i++) {
        char letter = (char) ('a' + i);
        nodes.add(
            PrivateRabbit.launch(
                "chaos-" + id + "-" + letter + "@localhost", home.resolve("node-" + letter), home));
      }
      for (PrivateRabbit n : nodes) {
        n.awaitStartup(timeout);
      }
      for (PrivateRabbit n : nodes.subList(1, nodes.size())) {
        n.joinCluster(nodes.get(0).node());
      }
      String running = nodes.get(0).ctl(Duration.ofSeconds(30), "cluster_status");
      for (PrivateRabbit n : nodes) {
        if (!running.contains(n.node())) {
          throw new IllegalStateException(n.node() + " is not in the cluster: " + running);
        }
      }
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  List<PrivateRabbit> nodes() {
    return nodes;
  }

  PrivateRabbit node(int i) {
    return nodes.get(i);
  }

  /** {@code 127.0.0.1:port,...}: {@code RABBITMQ_ADDRESSES} for the services. */
  String addresses() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  List<Address> addressList() {
    return nodes.stream().map(n -> new Address("127.0.0.1", n.port())).toList();
  }

  /** A connection to any node (automatic recovery on another when it dies). */
  Connection connect(String name) throws IOException, TimeoutException {
    ConnectionFactory f = new ConnectionFactory();
    f.setUsername("guest");
    f.setPassword("guest");
    f.setNetworkRecoveryInterval(1000);
    return f.newConnection(addressList(), name);
  }

  /**
   * Waits until stopping node {@code i} would leave every quorum queue a majority ({@code
   * rabbitmq-queues check_if_node_is_quorum_critical}): the members on the other nodes are online
   * and caught up. Returns how long it took, in ms.
   */
  long awaitNotQuorumCritical(int i, Duration timeout) {
    long start = System.nanoTime();
    Instant deadline = Instant.now().plus(timeout);
    while (!nodes
        .get(i)
        .check(Duration.ofSeconds(60), "rabbitmq-queues", "check_if_node_is_quorum_critical")) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            nodes.get(i).node() + " still quorum-critical after " + timeout);
      }
      sleep(1000);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /**
   * The quorum queues with, for each, its members and those online ({@code rabbitmqctl list_queues
   * name type members online}), as text.
   */
  String quorumQueues() {
    return nodes.stream()
        .filter(n -> n.check(Duration.ofSeconds(30), "rabbitmqctl", "status"))
        .findFirst()
        .map(
            n ->
                n.ctl(
                    Duration.ofSeconds(60),
                    "list_queues",
                    "--no-table-headers",
                    "name",
                    "type",
                    "members",
                    "online"))
        .orElse("(no node answers)");
  }

  @Override
  public void close() {
    for (PrivateRabbit n : nodes) {
      try {
        n.close();
      } catch (RuntimeException e) {
        Log.say("stopping " + n.node() + " failed: " + e);
      }
    }
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      Log.say("could not delete " + home + ": " + e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
