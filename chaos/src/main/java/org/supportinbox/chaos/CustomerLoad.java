package org.supportinbox.chaos;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customers writing through the gateways' customer API, as a real chat client would: each message
 * has a unique {@code client_message_id}; when a send fails (connection refused, timeout, 5xx, 429)
 * the same message with the same id is sent again after a back-off (200 ms doubling to 5 s, with
 * jitter) until a 2xx answer, or until {@code give-up} seconds have passed. The ledger records a
 * message as accepted only on a 2xx.
 */
final class CustomerLoad {

  /** One customer: its conversation, its token, the gateway it writes to. */
  record Customer(String conversationId, String token, String gatewayUrl) {}

  /** One message of the ledger. */
  static final class Entry {
    final int index;
    final String clientId;
    final Customer customer;
    volatile long firstSentNanos;
    volatile long acceptedNanos;
    volatile int status;
    volatile int attempts;
    volatile String messageId;
    volatile String lastFailure;
    volatile boolean gaveUp;

    Entry(int index, String clientId, Customer customer) {
      this.index = index;
      this.clientId = clientId;
      this.customer = customer;
    }

    boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1 as browsers speak it here; the JDK's default h2c upgrade attempt is not.
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(3))
          .build();
  private final List<Entry> ledger = new ArrayList<>();
  private final ConcurrentHashMap<String, AtomicInteger> failuresByKind = new ConcurrentHashMap<>();
  private final AtomicInteger done = new AtomicInteger();
  private final long giveUpNanos;

  CustomerLoad(long giveUpSeconds) {
    this.giveUpNanos = TimeUnit.SECONDS.toNanos(giveUpSeconds);
  }

  /** Starts a conversation for each customer (retrying like any send), alternating gateways. */
  List<Customer> startCustomers(int count, List<String> gatewayUrls, String runId) {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String gateway = gatewayUrls.get(i % gatewayUrls.size());
      String body =
          Json.createObjectBuilder()
              .add("name", "Chaos Customer " + i)
              .add("content", "Hello, this is customer " + i + " of run " + runId)
              .add("client_message_id", UUID.randomUUID().toString())
              .build()
              .toString();
      HttpResponse<String> r = sendWithRetries(gateway + "/customer/conversations", null, body);
      // 200: a retry whose first attempt had started the conversation after all.
      if (r == null || (r.statusCode() != 201 && r.statusCode() != 200)) {
        throw new IllegalStateException(
            "customer " + i + " could not start a conversation: " + (r == null ? "" : r.body()));
      }
      JsonObject o = Json.createReader(new StringReader(r.body())).readObject();
      customers.add(
          new Customer(o.getString("conversation_id"), o.getString("customer_token"), gateway));
    }
    return customers;
  }

  private HttpResponse<String> sendWithRetries(String url, String token, String body) {
    long start = System.nanoTime();
    long backoff = 200;
    while (System.nanoTime() - start < giveUpNanos) {
      try {
        HttpResponse<String> r =
            http.send(request(url, token, body), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() < 500 && r.statusCode() != 429) {
          return r;
        }
      } catch (java.io.IOException e) {
        Log.say("start of a conversation failed, retrying: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
      sleep(backoff);
      backoff = Math.min(5000, backoff * 2);
    }
    return null;
  }

  private static HttpRequest request(String url, String token, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  /**
   * Sends {@code messages} messages at {@code rate} per second from now, spread round-robin over
   * the customers, and returns when every one is accepted or given up.
   */
  void run(List<Customer> customers, int messages, double rate, String runId)
      throws InterruptedException {
    long start = System.nanoTime();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      Entry e = new Entry(i, runId + "-" + i, customers.get(i % customers.size()));
      synchronized (ledger) {
        ledger.add(e);
      }
      long due = start + (long) (i * 1_000_000_000.0 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      e.firstSentNanos = System.nanoTime();
      CompletableFuture<Void> f = new CompletableFuture<>();
      attempt(e, 200, f);
      all.add(f);
      if ((i + 1) % Math.max(1, messages / 10) == 0) {
        Log.say(
            "sent "
                + (i + 1)
                + "/"
                + messages
                + ", accepted so far "
                + accepted()
                + ", failures by kind "
                + failuresByKind());
      }
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
  }

  private void attempt(Entry e, long backoffMillis, CompletableFuture<Void> finished) {
    e.attempts++;
    String body =
        Json.createObjectBuilder()
            .add("content", "Message " + e.index + " of the chaos run, client id " + e.clientId)
            .add("client_message_id", e.clientId)
            .build()
            .toString();
    http.sendAsync(
            request(e.customer.gatewayUrl() + "/customer/messages", e.customer.token(), body),
            HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (r, failure) -> {
              String kind;
              if (failure != null) {
                Throwable cause = failure.getCause() == null ? failure : failure.getCause();
                kind = cause.getClass().getSimpleName();
                e.lastFailure = cause.toString();
              } else if (r.statusCode() >= 200 && r.statusCode() < 300) {
                e.status = r.statusCode();
                e.messageId = messageId(r.body());
                e.acceptedNanos = System.nanoTime();
                done.incrementAndGet();
                finished.complete(null);
                return;
              } else if (r.statusCode() >= 500 || r.statusCode() == 429) {
                kind = "HTTP " + r.statusCode();
                e.lastFailure = kind + " " + r.body();
              } else {
                // A 4xx other than 429 is the product refusing a valid message: not retried,
                // counted by the checker.
                e.status = r.statusCode();
                e.lastFailure = "HTTP " + r.statusCode() + " " + r.body();
                Log.say("message " + e.clientId + " refused: " + e.lastFailure);
                done.incrementAndGet();
                finished.complete(null);
                return;
              }
              failuresByKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
              if (System.nanoTime() - e.firstSentNanos > giveUpNanos) {
                e.gaveUp = true;
                Log.say(
                    "gave up on "
                        + e.clientId
                        + " after "
                        + e.attempts
                        + " attempts: "
                        + e.lastFailure);
                done.incrementAndGet();
                finished.complete(null);
                return;
              }
              long jittered =
                  backoffMillis / 2 + ThreadLocalRandom.current().nextLong(backoffMillis / 2 + 1);
              Executor later = CompletableFuture.delayedExecutor(jittered, TimeUnit.MILLISECONDS);
              later.execute(() -> attempt(e, Math.min(5000, backoffMillis * 2), finished));
            });
  }

  private static String messageId(String body) {
    JsonObject o = Json.createReader(new StringReader(body)).readObject();
    if (o.containsKey("id")) {
      return o.getString("id");
    }
    JsonObject message = o.getJsonObject("message");
    return message == null ? null : message.getString("id", null);
  }

  List<Entry> ledger() {
    synchronized (ledger) {
      return List.copyOf(ledger);
    }
  }

  long accepted() {
    return ledger().stream().filter(Entry::accepted).count();
  }

  /** Failed attempts (each retried) by kind: exception class or HTTP status. */
  java.util.Map<String, Integer> failuresByKind() {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    failuresByKind.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
