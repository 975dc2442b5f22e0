package org.supportinbox.chaos;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.supportinbox.testing.PayaraMicro;

/**
 * A RabbitMQ node of the run's own, so that restarting "RabbitMQ" never touches the machine's
 * shared broker: its own node name, AMQP and distribution ports on 127.0.0.1, data, logs, pid file
 * and Erlang cookie in a temporary directory, and no plugins (no management listener to clash on
 * 15672). Only epmd is shared. {@link #close()} stops the node and deletes the directory.
 *
 * <p>The scripts are taken from {@code CHAOS_RABBITMQ_BIN} when set, else from {@code
 * /usr/lib/rabbitmq/bin} when it exists (Debian's {@code /usr/sbin} wrappers switch to the {@code
 * rabbitmq} user when run as root, which could not read our directory), else from the {@code PATH}.
 */
final class PrivateRabbit implements AutoCloseable {

  private final String node;
  private final int amqpPort;
  private final int distPort;
  private final Path dir;
  private final Path home;
  private final Path bin;

  private PrivateRabbit(String node, int amqpPort, int distPort, Path dir, Path home, Path bin) {
    this.node = node;
    this.amqpPort = amqpPort;
    this.distPort = distPort;
    this.dir = dir;
    this.home = home;
    this.bin = bin;
  }

  /** Starts the node detached and waits until the rabbit app runs (at most {@code timeout}). */
  static PrivateRabbit start(Duration timeout) throws IOException {
    String node = "chaos-" + UUID.randomUUID().toString().substring(0, 8) + "@localhost";
    Path dir = Files.createTempDirectory("chaos-rabbit-");
    writeCookie(dir);
    PrivateRabbit rabbit = launch(node, dir, dir);
    try {
      rabbit.awaitStartup(timeout);
      return rabbit;
    } catch (RuntimeException e) {
      rabbit.close();
      throw e;
    }
  }

  /**
   * Launches a node detached with its data in {@code dir} and the Erlang cookie of {@code home}
   * (shared by the nodes of a cluster); does not wait ({@link #awaitStartup}).
   */
  static PrivateRabbit launch(String node, Path dir, Path home) throws IOException {
    Files.createDirectories(dir.resolve("mnesia"));
    Files.createDirectories(dir.resolve("log"));
    Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
    PrivateRabbit rabbit =
        new PrivateRabbit(
            node, PayaraMicro.freePort(), PayaraMicro.freePort(), dir, home, scripts());
    try {
      rabbit.boot();
      return rabbit;
    } catch (RuntimeException e) {
      rabbit.close();
      throw e;
    }
  }

  /** A random Erlang cookie in {@code home}, readable by this user only. */
  static void writeCookie(Path home) throws IOException {
    Path cookie = home.resolve(".erlang.cookie");
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    Files.writeString(cookie, HexFormat.of().formatHex(secret).toUpperCase());
    Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
  }

  /** {@code rabbitmq-server -detached} with this node's settings (its first start or a restart). */
  private void boot() {
    run(
        Duration.ofSeconds(30),
        Map.ofEntries(
            Map.entry("RABBITMQ_NODE_PORT", Integer.toString(amqpPort)),
            Map.entry("RABBITMQ_DIST_PORT", Integer.toString(distPort)),
            Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
            // The distribution listener on the loopback too, not on every interface.
            Map.entry(
                "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
                "-kernel inet_dist_use_interface {127,0,0,1}"),
            Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
            Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
            Map.entry("RABBITMQ_PID_FILE", dir.resolve("pid").toString()),
            Map.entry("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString()),
            // Files that do not exist: the node's defaults, not the machine's /etc/rabbitmq.
            Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString()),
            Map.entry("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString())),
        "rabbitmq-server",
        "-detached");
  }

  /**
   * SIGKILLs the node's Erlang VM (the pid of its pid file) and waits until it is gone; returns
   * that pid.
   */
  long kill() {
    Long pid = pid();
    if (pid == null) {
      throw new IllegalStateException("no pid file for " + node);
    }
    ProcessHandle h =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException(node + " pid " + pid + " is not running"));
    h.destroyForcibly();
    try {
      h.onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(node + " pid " + pid + " did not die: " + e, e);
    }
    return pid;
  }

  /**
   * Starts the node again with the same name, ports and data; waits until it accepts AMQP
   * connections ({@link #awaitAmqp}), not with the CLI, which a loaded machine can leave without an
   * answer for minutes.
   */
  void restart(Duration timeout) {
    boot();
    awaitAmqp(timeout);
  }

  /**
   * Waits until the node accepts an AMQP connection (guest/guest) on its port: RabbitMQ opens its
   * listeners at the end of its boot, so this is the node running again. No CLI call.
   */
  void awaitAmqp(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    ConnectionFactory f = connectionFactory();
    f.setAutomaticRecoveryEnabled(false);
    f.setConnectionTimeout(5000);
    f.setHandshakeTimeout(10_000);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      try (com.rabbitmq.client.Connection c = f.newConnection("chaos-probe")) {
        return;
      } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
        last = e.toString();
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "private RabbitMQ node "
            + node
            + " takes no AMQP connection after "
            + timeout
            + ": "
            + last
            + logTail());
  }

  /** Makes this (fresh) node a member of {@code seed}'s cluster and starts its app again. */
  void joinCluster(String seed) {
    ctl(Duration.ofSeconds(60), "stop_app");
    ctl(Duration.ofSeconds(120), "join_cluster", seed);
    ctl(Duration.ofSeconds(60), "start_app");
    awaitStartup(Duration.ofSeconds(120));
  }

  /** Runs a CLI script ({@code rabbitmq-queues}, ...) against this node; exit status 0 or not. */
  boolean check(Duration timeout, String script, String... args) {
    List<String> command = new ArrayList<>(List.of(script, "-q", "-n", node));
    command.addAll(List.of(args));
    return runQuietly(timeout, command.toArray(String[]::new)).code == 0;
  }

  int port() {
    return amqpPort;
  }

  String node() {
    return node;
  }

  ConnectionFactory connectionFactory() {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    f.setPort(amqpPort);
    f.setUsername("guest");
    f.setPassword("guest");
    f.setNetworkRecoveryInterval(1000);
    return f;
  }

  /** {@code rabbitmqctl stop_app}: every connection closes, the node stays up. */
  void stopApp() {
    ctl(Duration.ofSeconds(60), "stop_app");
  }

  /** {@code rabbitmqctl start_app}, then waits until it runs. */
  void startApp() {
    ctl(Duration.ofSeconds(60), "start_app");
    awaitStartup(Duration.ofSeconds(60));
  }

  /** {@code rabbitmqctl list_queues name messages}, as text (for the report). */
  String listQueues() {
    return ctl(Duration.ofSeconds(30), "list_queues", "name", "messages", "consumers");
  }

  void awaitStartup(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    // await_startup fails at once while the node has not registered with epmd yet.
    while (Instant.now().isBefore(deadline)) {
      Result r = runQuietly(Duration.ofSeconds(70), "rabbitmqctl", "-n", node, "await_startup");
      if (r.code == 0) {
        return;
      }
      last = r.output;
      sleep(500);
    }
    throw new IllegalStateException(
        "private RabbitMQ node " + node + " not up after " + timeout + ": " + last + logTail());
  }

  String ctl(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q", "-n", node));
    command.addAll(List.of(args));
    Result r = runQuietly(timeout, command.toArray(String[]::new));
    if (r.code != 0) {
      throw new IllegalStateException(command + " failed (" + r.code + "): " + r.output);
    }
    return r.output;
  }

  private void run(Duration timeout, Map<String, String> env, String... command) {
    Result r = runWith(timeout, env, command);
    if (r.code != 0) {
      throw new IllegalStateException(List.of(command) + " failed: " + r.output + logTail());
    }
  }

  private Result runQuietly(Duration timeout, String... command) {
    return runWith(timeout, Map.of(), command);
  }

  private record Result(int code, String output) {}

  private Result runWith(Duration timeout, Map<String, String> env, String... command) {
    List<String> full = new ArrayList<>(List.of(command));
    full.set(0, bin == null ? command[0] : bin.resolve(command[0]).toString());
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.directory(dir.toFile());
    // The cookie the node and its CLI share is $HOME/.erlang.cookie.
    builder.environment().put("HOME", home.toString());
    builder.environment().put("RABBITMQ_NODENAME", node);
    builder.environment().putAll(env);
    Path out = null;
    try {
      // The output goes to a file, so that the timeout holds even when the command hangs.
      out = Files.createTempFile(dir, "cli-", ".out");
      builder.redirectOutput(out.toFile());
      Process p = builder.start();
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      return ended
          ? new Result(p.exitValue(), output.strip())
          : new Result(-1, "timed out after " + timeout + ": " + output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + full, e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // The directory goes at close().
        }
      }
    }
  }

  private String logTail() {
    Path log = dir.resolve("log").resolve(node + ".log");
    try {
      List<String> lines = Files.readAllLines(log);
      return "\nlog "
          + log
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the node ({@code rabbitmqctl stop}, then SIGKILL by pid) and deletes its directory. */
  @Override
  public void close() {
    Long pid = pid();
    runQuietly(Duration.ofSeconds(60), "rabbitmqctl", "-q", "-n", node, "stop");
    if (pid != null) {
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                try {
                  h.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                  System.err.println(
                      "chaos: RabbitMQ node pid " + pid + " still up, killing: " + e);
                  h.destroyForcibly();
                }
              });
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("chaos: could not delete " + dir + ": " + e);
    }
  }

  private Long pid() {
    try {
      return Long.parseLong(Files.readString(dir.resolve("pid")).strip());
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private static Path scripts() {
    String configured = System.getenv("CHAOS_RABBITMQ_BIN");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    Path debian = Path.of("/usr/lib/rabbitmq/bin");
    return Files.isExecutable(debian.resolve("rabbitmq-server")) ? debian : null;
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
