package org.supportinbox.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One AI function replica as the product runs it: started by {@code payara-config/start-service
 * ai-function} as {@code ./inbox up} and the image start it ({@code java -cp functions.jar:lib/*}
 * with the analyze function's main class), a separate process a test can SIGTERM or SIGKILL,
 * logging to {@code <inbox.logs>/<name>.log}. Its settings are those of {@code ./inbox up}, pointed
 * at the messaging under test, its vhost and an Ollama double ({@link #environment}). The build
 * says where the function and the script are: system properties {@code inbox.functionsJar}, {@code
 * inbox.functionsLib}, {@code inbox.payaraConfig} and {@code inbox.logs} (see {@code
 * functions/pom.xml}).
 */
public final class FunctionUnderTest implements AutoCloseable {

  public static final String METRICS_TOKEN = "it-metrics-token-0123456789";

  private final String name;
  private final Process process;
  private final Path log;

  /**
   * Where this process's output starts in {@link #log}, which every run with the name appends to.
   */
  private final long logStart;

  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private FunctionUnderTest(String name, Process process, Path log, long logStart, int httpPort) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.logStart = logStart;
    this.httpPort = httpPort;
  }

  /**
   * The settings every test replica gets ({@link InboxStack#functionEnvironment} of the messaging
   * under test, with its test settings); tests override some.
   */
  public static Map<String, String> environment(MessagingUnderTest messaging, String ollamaUrl) {
    return messaging.stack().functionEnvironment(ollamaUrl);
  }

  /**
   * Starts the analyze function with exactly {@code environment} (plus PATH, and {@code
   * JAVA_OPTS=-Xmx128m} unless it has one); does not wait. The script names its main class.
   */
  public static FunctionUnderTest start(String name, Map<String, String> environment)
      throws IOException {
    return launch(name, List.of(), environment);
  }

  /** Starts the function whose entry point is {@code mainClass}; does not wait for it. */
  public static FunctionUnderTest start(
      String name, String mainClass, Map<String, String> environment) throws IOException {
    return launch(name, List.of("--main", mainClass), environment);
  }

  /** {@code mainOption}: nothing (the script's analyze function) or {@code --main CLASS}. */
  private static FunctionUnderTest launch(
      String name, List<String> mainOption, Map<String, String> environment) throws IOException {
    Path jar = Path.of(required("inbox.functionsJar"));
    Path lib = Path.of(required("inbox.functionsLib"));
    Path config = Path.of(required("inbox.payaraConfig"));
    Path logs = Path.of(System.getProperty("inbox.logs", "target/it-logs"));
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    int port = PayaraMicro.freePort();
    // The script execs the JVM: the process, its pid and its signals are the replica's own.
    List<String> command =
        new ArrayList<>(
            List.of(
                config.resolve("start-service").toString(),
                "ai-function",
                "--java",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--port",
                Integer.toString(port),
                "--jar",
                jar.toString(),
                "--lib",
                lib.toString()));
    command.addAll(mainOption);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("JAVA_OPTS", "-Xmx128m");
    builder.environment().putAll(environment);
    builder.environment().put("SERVICE_NAME", name);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    return new FunctionUnderTest(name, builder.start(), log, logStart, port);
  }

  /**
   * Waits until {@code /health} answers 200; stops the process and throws, with its log, if it
   * exits or is not healthy within {@code timeout}.
   */
  public FunctionUnderTest awaitHealthy(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      if (healthy()) {
        return this;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for " + name, e);
      }
    }
    String state = process.isAlive() ? "not healthy after " + timeout : "exited";
    close();
    throw new IllegalStateException(name + " " + state + "; log " + log + ":\n" + log());
  }

  /**
   * Writes the replica's threads as they are now ({@code jcmd <pid> Thread.print}) next to its log,
   * for a test that failed waiting on it, and returns the file (null when the replica has exited or
   * the dump could not be taken; the reason is in the file when it exists).
   */
  public Path saveThreadDump() {
    if (!process.isAlive()) {
      return null;
    }
    Path dump = log.resolveSibling(name + "-threads-" + System.currentTimeMillis() + ".txt");
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(process.pid()), "Thread.print")
              .redirectErrorStream(true)
              .redirectOutput(dump.toFile())
              .start();
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
      }
      return dump;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The answer to {@code GET path} on the replica's HTTP port, or null while nothing listens. */
  public HttpResponse<String> get(String path, boolean withToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .timeout(Duration.ofSeconds(5));
    if (withToken) {
      request.header("Authorization", "Bearer " + METRICS_TOKEN);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  public boolean healthy() {
    HttpResponse<String> r = get("/health", false);
    return r != null && r.statusCode() == 200;
  }

  /** The value of a counter line such as {@code ai_events_processed_total{result="available"}}. */
  public double metric(String series) {
    HttpResponse<String> r = get("/metrics", true);
    if (r == null || r.statusCode() != 200) {
      return Double.NaN;
    }
    return r.body()
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).strip()))
        .findFirst()
        .orElse(0);
  }

  /**
   * What this process has written so far; not the earlier runs with the same name, whose output is
   * in the same file before it.
   */
  public String log() {
    try {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(logStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public boolean alive() {
    return process.isAlive();
  }

  public void sigterm() {
    process.destroy();
  }

  public void sigkill() {
    process.destroyForcibly();
  }

  /** Exit code, or -1 if still running after {@code timeout}. */
  public int waitForExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** SIGTERM, and SIGKILL if it has not exited 15 s later. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("system property " + property + " is not set by the build");
    }
    return value;
  }
}
