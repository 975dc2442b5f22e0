package org.supportinbox.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.JsonWire;

/**
 * Customers writing through the gateways' customer API, as a real chat client would (test-support's
 * {@link CustomerClient}, retrying): each message has a unique {@code client_message_id}; when a
 * send fails (connection refused, timeout, 5xx, 429) the same message with the same id is sent
 * again after a back-off until a 2xx answer, or until {@code give-up} seconds have passed. The
 * ledger records a message as accepted only on a 2xx.
 */
final class CustomerLoad {

  /** One customer: its conversation, its token, the gateway it writes to. */
  record Customer(String conversationId, String token, CustomerClient gateway) {}

  /** One message of the ledger. */
  static final class Entry {
    final int index;
    final String clientId;
    final Customer customer;
    volatile int status;
    volatile int attempts;
    volatile String messageId;
    volatile String lastFailure;
    volatile boolean gaveUp;

    /** When the 2xx answer came (epoch ms), 0 before. */
    volatile long acceptedAtMillis;

    Entry(int index, String clientId, Customer customer) {
      this.index = index;
      this.clientId = clientId;
      this.customer = customer;
    }

    boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  /** One failed attempt (retried): when (epoch ms), its kind and the start of its detail. */
  record Failure(long atMillis, String kind, String detail) {}

  private final List<Entry> ledger = new ArrayList<>();
  private final java.util.Queue<Failure> failures =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<String, AtomicInteger> failuresByKind = new ConcurrentHashMap<>();
  private final Duration giveUp;

  /** {@code System.nanoTime()} when the last message's first send began; 0 before that. */
  private volatile long lastSendNanos;

  CustomerLoad(long giveUpSeconds) {
    this.giveUp = Duration.ofSeconds(giveUpSeconds);
  }

  /** Starts a conversation for each customer (retried, with a start key), alternating gateways. */
  List<Customer> startCustomers(int count, List<String> gatewayUrls, String runId) {
    List<CustomerClient> gateways =
        gatewayUrls.stream().map(url -> new CustomerClient(url)).toList();
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CustomerClient gateway = gateways.get(i % gateways.size());
      CustomerStart started =
          gateway.start(
              new ConversationStart(
                  "Chaos Customer " + i,
                  null,
                  "Hello, this is customer " + i + " of run " + runId,
                  UUID.randomUUID()),
              giveUp,
              (kind, detail) -> Log.say("start of a conversation failed, retrying: " + detail));
      customers.add(
          new Customer(started.conversationId().toString(), started.customerToken(), gateway));
    }
    return customers;
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
      if (i == messages - 1) {
        lastSendNanos = System.nanoTime();
      }
      all.add(send(e));
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

  private CompletableFuture<Void> send(Entry e) {
    CustomerClient gateway = e.customer.gateway();
    return gateway
        .retried(
            gateway.sendRequest(
                e.customer.token(),
                new CustomerMessage(
                    "Message " + e.index + " of the chaos run, client id " + e.clientId,
                    e.clientId)),
            giveUp,
            (kind, detail) -> {
              failuresByKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
              failures.add(
                  new Failure(
                      System.currentTimeMillis(),
                      kind,
                      detail == null ? "" : detail.substring(0, Math.min(200, detail.length()))));
              e.lastFailure = detail;
            })
        .thenAccept(
            o -> {
              e.attempts = o.attempts();
              if (o.response() == null) {
                e.gaveUp = true;
                Log.say(
                    "gave up on "
                        + e.clientId
                        + " after "
                        + o.attempts()
                        + " attempts: "
                        + e.lastFailure);
                return;
              }
              e.status = o.response().statusCode();
              if (o.accepted()) {
                e.acceptedAtMillis = System.currentTimeMillis();
                e.messageId =
                    JsonWire.read(o.response().body(), CustomerMessageView.class).id().toString();
              } else {
                // A 4xx other than 429 is the product refusing a valid message: not retried,
                // counted by the checker.
                e.lastFailure = "HTTP " + e.status + " " + o.response().body();
                Log.say("message " + e.clientId + " refused: " + e.lastFailure);
              }
            });
  }

  /** {@code System.nanoTime()} when the last message's first send began; 0 before that. */
  long lastSendNanos() {
    return lastSendNanos;
  }

  List<Entry> ledger() {
    synchronized (ledger) {
      return List.copyOf(ledger);
    }
  }

  long accepted() {
    return ledger().stream().filter(Entry::accepted).count();
  }

  /** Every failed attempt, in the order they were heard of. */
  List<Failure> failures() {
    return List.copyOf(failures);
  }

  /** Failed attempts (each retried) by kind: exception class or HTTP status. */
  Map<String, Integer> failuresByKind() {
    Map<String, Integer> out = new TreeMap<>();
    failuresByKind.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
