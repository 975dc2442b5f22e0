package org.supportinbox.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code rabbitmqctl -q} on the local broker, as test-support's {@code TestVhost} runs it. */
final class Rabbitmqctl {

  /** A failed call: its exit status and output, which RabbitMQ's reason is in. */
  static final class Failed extends RuntimeException {
    Failed(String message) {
      super(message);
    }
  }

  private Rabbitmqctl() {}

  /** Runs the command and returns its output; throws {@link Failed} when it exits non-zero. */
  static String run(String... args) {
    List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output;
      try (InputStream in = p.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new Failed("rabbitmqctl timed out: " + args[0]);
      }
      if (p.exitValue() != 0) {
        // Not the whole command line: it may hold a password.
        throw new Failed("rabbitmqctl " + args[0] + " exited " + p.exitValue() + ": " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run rabbitmqctl (is it on the PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running rabbitmqctl " + args[0], e);
    }
  }
}
