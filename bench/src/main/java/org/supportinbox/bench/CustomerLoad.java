package org.supportinbox.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.supportinbox.contracts.rest.ConversationStart;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.CustomerStart;
import org.supportinbox.testing.CustomerClient;
import org.supportinbox.testing.JsonWire;

/**
 * Customers writing through the gateway (test-support's {@link CustomerClient}): K conversations
 * started with {@code POST /customer/conversations}, then {@code POST /customer/messages} with one
 * of their customer tokens (a random one per request) and a unique {@code client_message_id}. Every
 * {@code 201} is handed to the current phases of {@link Deliveries} (one per frame type awaited).
 */
final class CustomerLoad extends HttpLoad {

  /**
   * How long set-up retries a conversation start: a cold messaging may take longer than the
   * gateway's timeout for its first requests (on a busy machine, tens of seconds). The measured
   * phases never retry.
   */
  private static final Duration SETUP_GIVE_UP = Duration.ofSeconds(60);

  private final CustomerClient gateway;
  private final String runId;
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private volatile List<Deliveries.Phase> phases = List.of();

  /** Customers of the gateway at {@code gateway}, in a run of their own (a random id). */
  CustomerLoad(String gateway) {
    this(gateway, UUID.randomUUID().toString().substring(0, 8));
  }

  private CustomerLoad(String gateway, String runId) {
    super(runId);
    this.gateway = new CustomerClient(gateway, REQUEST_TIMEOUT);
    this.runId = runId;
  }

  /** {@code POST /login} as an operator: its access token. */
  String login(String user, String password) {
    return gateway.login(user, password);
  }

  /**
   * Starts {@code count} conversations, one after the other (the gateway's only per-address limit
   * that matters here, new conversations, is raised by the script); their first messages belong to
   * the {@code setup} phases.
   */
  void startConversations(int count, Deliveries.Phase... setup) {
    for (int i = 0; i < count; i++) {
      int n = i;
      long start = System.nanoTime();
      // With a start key, so that a retry answers the same conversation.
      CustomerStart s =
          gateway.start(
              new ConversationStart(
                  "Bench customer " + i,
                  null,
                  "Hello, I am customer " + i + " of run " + runId + ".",
                  UUID.randomUUID()),
              SETUP_GIVE_UP,
              (kind, detail) -> Options.log("  conversation " + n + ": " + detail + ", retrying"));
      tokens.add(s.customerToken());
      registered(List.of(setup), s.message(), start);
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
    String token = tokens.get(ThreadLocalRandom.current().nextInt(tokens.size()));
    return gateway.sendRequest(token, nextMessage());
  }

  @Override
  boolean readsCreatedBody() {
    return true;
  }

  @Override
  void created(HttpResponse<String> response, long startNanos) {
    registered(phases, JsonWire.read(response.body(), CustomerMessageView.class), startNanos);
  }

  private static void registered(
      List<Deliveries.Phase> ps, CustomerMessageView message, long startNanos) {
    for (Deliveries.Phase p : ps) {
      p.created(message.id().toString(), message.createdAt(), startNanos);
    }
  }
}
