package org.supportinbox.functions.analyze;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.supportinbox.testing.MessagingUnderTest;

/**
 * One analyze replica as the product runs it: {@code java -cp functions.jar:lib/* ...AnalyzeMain},
 * a separate process the test can SIGTERM or SIGKILL, logging to {@code target/it-logs/<name>.log}.
 * Its settings are those of {@code ./inbox up}, pointed at the messaging under test, its vhost and
 * an Ollama double.
 */
final class FunctionProcess implements AutoCloseable {

  static final String METRICS_TOKEN = "it-metrics-token-0123456789";

  private final Process process;
  private final Path log;
  private final int httpPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private FunctionProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /** The settings every test replica gets; tests override some. */
  static Map<String, String> environment(MessagingUnderTest messaging, String ollamaUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("RABBITMQ_HOST", "127.0.0.1");
    env.put("RABBITMQ_PORT", System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));
    env.put("RABBITMQ_VHOST", messaging.vhost.name());
    env.put("RABBITMQ_USER", "guest");
    env.put("RABBITMQ_PASSWORD", "guest");
    env.put("EVENT_EXCHANGE", MessagingUnderTest.EXCHANGE);
    env.put("MESSAGING_URL", messaging.url(""));
    env.put("JWT_SECRET", messaging.secret);
    env.put("OLLAMA_URL", ollamaUrl);
    env.put("OLLAMA_MODEL", "phi3:mini");
    env.put("OLLAMA_TIMEOUT", "10s");
    env.put("AI_RETRY_DELAYS", "1s,1s,1s");
    env.put("METRICS_TOKEN", METRICS_TOKEN);
    env.put("BIND_ADDRESS", "127.0.0.1");
    return env;
  }

  static FunctionProcess start(String name, Map<String, String> environment) throws IOException {
    Path jar = Path.of(System.getProperty("inbox.functionsJar"));
    Path lib = Path.of(System.getProperty("inbox.functionsLib"));
    Path logs = Path.of(System.getProperty("inbox.logs"));
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-cp",
            jar + java.io.File.pathSeparator + lib + "/*",
            AnalyzeMain.class.getName());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(environment);
    builder.environment().put("FUNCTION_HTTP_PORT", Integer.toString(port));
    builder.environment().put("SERVICE_NAME", name);
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new FunctionProcess(builder.start(), log, port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  long pid() {
    return process.pid();
  }

  /** The answer of GET /health: status code and body, or -1 while nothing listens. */
  HttpResponse<String> get(String path, boolean withToken) {
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

  boolean healthy() {
    HttpResponse<String> r = get("/health", false);
    return r != null && r.statusCode() == 200;
  }

  /** The value of a counter line such as {@code ai_events_processed_total{result="available"}}. */
  double metric(String series) {
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

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  void sigterm() {
    process.destroy();
  }

  void sigkill() {
    process.destroyForcibly();
  }

  /** Exit code, or -1 if still running after {@code timeout}. */
  int waitForExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
