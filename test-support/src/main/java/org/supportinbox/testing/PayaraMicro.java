package org.supportinbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service WAR running on a real Payara Micro process, started by {@code
 * payara-config/start-service} as {@code ./inbox up} and the images start it (the files in
 * payara-config/ and environment variables), bound to 127.0.0.1 on a free port. Locations come from
 * system properties the build sets: {@code inbox.runtime} (payara-micro.jar and postgresql.jar),
 * {@code inbox.payaraConfig} (the script and its asadmin files), {@code inbox.logs}.
 */
public final class PayaraMicro implements AutoCloseable {

  private final String name;
  private final Process process;
  private final int port;
  private final Path log;

  private PayaraMicro(String name, Process process, int port, Path log) {
    this.name = name;
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code war} and waits until its readiness endpoint lists the health check named {@code
   * readyCheck} as UP (Payara prints "ready" even when a deployment failed, so only the app's own
   * check proves it is serving).
   */
  public static PayaraMicro start(
      String name, Path war, Map<String, String> environment, String readyCheck) {
    return start(name, war, environment, readyCheck, freePort());
  }

  /**
   * Like {@link #start(String, Path, Map, String)} on a given port: a service restarted after a
   * crash comes back where its clients (e.g. the gateway's {@code MESSAGING_URL}) expect it.
   */
  public static PayaraMicro start(
      String name, Path war, Map<String, String> environment, String readyCheck, int port) {
    return start(name, war, environment, readyCheck, port, Duration.ofMinutes(4));
  }

  /** The same, waiting up to {@code readyTimeout} (a busy machine can take longer than 4 min). */
  public static PayaraMicro start(
      String name,
      Path war,
      Map<String, String> environment,
      String readyCheck,
      int port,
      Duration readyTimeout) {
    Path runtime = Path.of(required("inbox.runtime"));
    Path config = Path.of(required("inbox.payaraConfig"));
    Path logs = Path.of(System.getProperty("inbox.logs", "target/it-logs"));
    // The script execs the JVM: the process, its pid and its signals are Payara Micro's own.
    List<String> command =
        List.of(
            config.resolve("start-service").toString(),
            "payara",
            "--java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--port",
            Integer.toString(port),
            "--war",
            war.toString(),
            "--runtime",
            runtime.toString());
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_OPTS", "-Xmx512m");
    env.put("BIND_ADDRESS", "127.0.0.1");
    env.put("SERVICE_NAME", name);
    env.put("POSTGRES_POOL_MAX", "16");
    env.putAll(environment);
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(name + "-" + port + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.redirectOutput(log.toFile());
      builder.environment().putAll(env);
      PayaraMicro server = new PayaraMicro(name, builder.start(), port, log);
      server.awaitReady(readyCheck, readyTimeout);
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Payara Micro for " + name, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** The readiness document, e.g. {@code {"status":"UP","checks":[...]}}, or null if no answer. */
  public String readiness() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return r.body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private void awaitReady(String check, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + "; log " + log + ":\n" + tail());
      }
      if (logContains("Exception while loading the app")) {
        close();
        throw new IllegalStateException(name + " failed to deploy; log " + log + ":\n" + tail());
      }
      String body = readiness();
      if (body != null
          && body.replace(" ", "").contains("\"status\":\"UP\"")
          && body.contains("\"" + check + "\"")
          && !body.contains("\"DOWN\"")) {
        return;
      }
      sleep(500);
    }
    close();
    throw new IllegalStateException(
        name + " not ready after " + timeout + "; log " + log + ":\n" + tail());
  }

  private boolean logContains(String text) {
    try {
      return Files.readString(log).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of the log, for failure messages. */
  public String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** SIGKILL, as a crash. */
  public void kill() {
    process.destroyForcibly();
    waitFor(30);
  }

  @Override
  public void close() {
    process.destroy();
    if (!waitFor(30)) {
      process.destroyForcibly();
      waitFor(30);
    }
  }

  private boolean waitFor(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A port nothing listens on right now on 127.0.0.1. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set by the build");
    }
    return value;
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
