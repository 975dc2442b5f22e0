package org.supportinbox.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Customers writing through the gateway: K conversations started with {@code POST
 * /customer/conversations}, then {@code POST /customer/messages} with one of their customer tokens
 * (a random one per request) and a unique {@code client_message_id}. Every {@code 201} is handed to
 * the current phases of {@link Deliveries} (one per frame type awaited).
 */
final class CustomerLoad extends HttpLoad {

  /** How often set-up tries a conversation again after a 503 (messaging not answering in time). */
  private static final int SETUP_RETRIES = 10;

  private final URI gateway;
  private final String runId;
  private final List<String> authorizations = new ArrayList<>();
  private volatile List<Deliveries.Phase> phases = List.of();

  CustomerLoad(URI gateway, String runId) {
    super(runId);
    this.gateway = gateway;
    this.runId = runId;
  }

  /** {@code POST /login} as an operator: its access token. */
  String login(String user, String password) throws IOException, InterruptedException {
    String body = "{\"username\":" + quoted(user) + ",\"password\":" + quoted(password) + "}";
    HttpResponse<String> r = post("/login", body);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login as " + user + ": HTTP " + r.statusCode() + r.body());
    }
    return JsonText.required(r.body(), "access_token");
  }

  /**
   * Starts {@code count} conversations, one after the other (the gateway's only per-address limit
   * that matters here, new conversations, is raised by the script); their first messages belong to
   * the {@code setup} phases.
   */
  void startConversations(int count, Deliveries.Phase... setup)
      throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      long start = System.nanoTime();
      String body =
          "{\"name\":\"Bench customer "
              + i
              + "\",\"content\":\"Hello, I am customer "
              + i
              + " of run "
              + runId
              + ".\"}";
      HttpResponse<String> r = post("/customer/conversations", body);
      // A cold messaging may take longer than the gateway's timeout for its first requests (on
      // a busy machine, tens of seconds): set-up retries those, the measured phases never do.
      for (int attempt = 1; r.statusCode() == 503 && attempt <= SETUP_RETRIES; attempt++) {
        Options.log(
            "  conversation " + i + ": HTTP 503, retry " + attempt + " of " + SETUP_RETRIES);
        TimeUnit.SECONDS.sleep(2);
        r = post("/customer/conversations", body);
      }
      if (r.statusCode() != 201) {
        throw new IllegalStateException(
            "POST /customer/conversations: HTTP " + r.statusCode() + " " + r.body());
      }
      authorizations.add("Bearer " + JsonText.required(r.body(), "customer_token"));
      registered(List.of(setup), r.body(), start, "message");
    }
  }

  /** Open loop at {@code rate} for the messages of {@code p} (see {@link HttpLoad#fixedRate}). */
  LoadResult fixedRate(Deliveries.Phase p, String label, int rate, Duration duration)
      throws InterruptedException {
    phases = List.of(p);
    return fixedRate(label, rate, duration);
  }

  /** {@code count} messages of the phases {@code ps}, open loop at {@code rate}. */
  LoadResult fixedRate(List<Deliveries.Phase> ps, String label, int rate, long count)
      throws InterruptedException {
    phases = List.copyOf(ps);
    return fixedRate(label, rate, count);
  }

  /** Closed loop for the messages of {@code p} (see {@link HttpLoad#closedLoop}). */
  LoadResult closedLoop(Deliveries.Phase p, String label, int workers, Duration duration)
      throws InterruptedException {
    phases = List.of(p);
    return closedLoop(label, workers, duration);
  }

  @Override
  HttpRequest nextRequest() {
    String authorization =
        authorizations.get(ThreadLocalRandom.current().nextInt(authorizations.size()));
    return post(
        gateway.resolve("/customer/messages"), authorization, "{" + nextMessageFields() + "}");
  }

  @Override
  boolean readsCreatedBody() {
    return true;
  }

  @Override
  void created(HttpResponse<String> response, long startNanos) {
    registered(phases, response.body(), startNanos);
  }

  /** A stored message: {@code body} is the message, or holds it under {@code in}. */
  private static void registered(
      List<Deliveries.Phase> ps, String body, long startNanos, String... in) {
    JsonObject o = JsonText.object(body);
    for (String field : in) {
      o = o.getJsonObject(field);
    }
    Instant createdAt = Instant.parse(o.getString("created_at"));
    for (Deliveries.Phase p : ps) {
      p.created(o.getString("id"), createdAt, startNanos);
    }
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return client.send(
        post(gateway.resolve(path), null, body), HttpResponse.BodyHandlers.ofString());
  }

  /** A JSON string of a value the script chose (user name, password: no control characters). */
  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
