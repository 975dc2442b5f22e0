package org.supportinbox.testing;

import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A RabbitMQ virtual host of a test's own (guest has all permissions on it), created with {@code
 * rabbitmqctl} and deleted with everything in it on close.
 */
public final class TestVhost implements AutoCloseable {

  private final String name;

  private TestVhost(String name) {
    this.name = name;
  }

  public static TestVhost create(String prefix) {
    return createNamed(prefix + "-" + UUID.randomUUID().toString().substring(0, 12));
  }

  public static TestVhost createNamed(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("no vhost name");
    }
    rabbitmqctl("add_vhost", name);
    rabbitmqctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
    return new TestVhost(name);
  }

  public String name() {
    return name;
  }

  /** A connection factory for this vhost, straight to the broker. */
  public ConnectionFactory connectionFactory() {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost(Env.rabbitHost());
    f.setPort(Env.rabbitPort());
    f.setVirtualHost(name);
    f.setUsername("guest");
    f.setPassword("guest");
    return f;
  }

  @Override
  public void close() {
    rabbitmqctl("delete_vhost", name);
  }

  static void rabbitmqctl(String... args) {
    List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (var in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("rabbitmqctl timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }
}
