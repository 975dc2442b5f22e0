package org.supportinbox.functions.analyze.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.logging.Logger;
import org.supportinbox.functions.analyze.AnalyzerChain;
import org.supportinbox.functions.runtime.Json;

/**
 * Whether Ollama can be used right now, for {@code AI_PROVIDER=auto}: {@code GET /api/tags} answers
 * within {@value #TIMEOUT_MS} ms and lists the model. The answer is kept for {@code
 * OLLAMA_PROBE_INTERVAL}, so a busy replica asks at most once per interval; a failed Ollama call
 * marks it unusable for an interval too, so an outage costs one failed call per interval, not one
 * per message. Thread-safe.
 */
public final class OllamaProbe implements AnalyzerChain.Probe {

  private static final Logger LOG = Logger.getLogger(OllamaProbe.class.getName());

  static final int TIMEOUT_MS = 2_000;

  private final String url;
  private final String model;
  private final long intervalNanos;
  private final HttpClient http;
  private Boolean usable;
  private long checkedAt;

  public OllamaProbe(String url, String model, Duration interval) {
    this.url = url;
    this.model = model.contains(":") ? model : model + ":latest";
    this.intervalNanos = interval.toNanos();
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(TIMEOUT_MS / 2)).build();
  }

  /** True when Ollama answered and had the model at the last check, checking again if stale. */
  @Override
  public synchronized boolean usable() {
    if (usable == null || System.nanoTime() - checkedAt >= intervalNanos) {
      String problem = check();
      record(problem == null, problem);
    }
    return usable;
  }

  /** The Ollama call failed ({@code reason}): treat Ollama as unusable for an interval. */
  @Override
  public synchronized void failed(String reason) {
    record(false, "the call failed: " + reason);
  }

  private void record(boolean now, String problem) {
    if (usable == null || usable != now) {
      if (now) {
        LOG.info("Ollama at " + url + " has " + model + ": insights come from it");
      } else {
        LOG.warning(
            "Ollama at "
                + url
                + " cannot be used ("
                + problem
                + "): insights come from the embedded provider");
      }
    }
    usable = now;
    checkedAt = System.nanoTime();
  }

  /** Null when usable, else what is wrong. */
  private String check() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/api/tags"))
            .timeout(Duration.ofMillis(TIMEOUT_MS))
            .GET()
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return "GET /api/tags failed: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    if (response.statusCode() != 200) {
      return "GET /api/tags answered " + response.statusCode();
    }
    try {
      JsonNode models = Json.MAPPER.readTree(response.body()).path("models");
      for (JsonNode m : models) {
        if (model.equals(m.path("name").asText()) || model.equals(m.path("model").asText())) {
          return null;
        }
      }
      return "model " + model + " is not pulled";
    } catch (IOException e) {
      return "GET /api/tags is not JSON: " + e.getMessage();
    }
  }
}
