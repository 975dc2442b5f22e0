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
 *
 * <p>Client addresses: real customers write from many addresses, and the gateway's per-address
 * limits are buckets in its database, one row per address. With {@code addresses} A > 1 the
 * customers are spread over A addresses (customer i writes from the ((i mod A) + 1)-th of 10.0.0.1,
 * 10.0.0.2, ...) named in {@code X-Forwarded-For}, as a reverse proxy would; the gateway must trust
 * the load generator's 127.0.0.1 as a proxy ({@code TRUSTED_PROXIES}, which the bench scripts set).
 * With A = 1 no header is sent: every request comes from 127.0.0.1 itself.
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
  private final int addresses;
  private final List<Customer> customers = new CopyOnWriteArrayList<>();
  private volatile List<Deliveries.Phase> phases = List.of();

  /** A customer's token and the address it writes from (null: the load generator's own). */
  private record Customer(String token, String address) {}

  /**
   * Customers of the gateway at {@code gateway}, in a run of their own (a random id), spread over
   * {@code addresses} client addresses (1: all from 127.0.0.1).
   */
  CustomerLoad(String gateway, int addresses) {
    this(gateway, UUID.randomUUID().toString().substring(0, 8), addresses);
  }

  private CustomerLoad(String gateway, String runId, int addresses) {
    super(runId);
    if (addresses < 1 || addresses > 1 << 24) {
      throw new IllegalArgumentException("addresses must be 1.." + (1 << 24) + ": " + addresses);
    }
    this.gateway = new CustomerClient(gateway, REQUEST_TIMEOUT);
    this.runId = runId;
    this.addresses = addresses;
  }

  /** The address of customer {@code i}: 10.0.0.1 for the first of the A, and so on. */
  static String address(int i, int addresses) {
    if (addresses == 1) {
      return null;
    }
    int n = i % addresses + 1;
    return "10." + (n >> 16 & 0xff) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
  }

  private HttpRequest from(String address, HttpRequest request) {
    return address == null ? request : CustomerClient.forwardedFor(request, address);
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
      String address = address(i, addresses);
      // With a start key, so that a retry answers the same conversation.
      CustomerStart s =
          gateway.start(
              from(
                  address,
                  gateway.startRequest(
                      new ConversationStart(
                          "Bench customer " + i,
                          null,
                          "Hello, I am customer " + i + " of run " + runId + ".",
                          UUID.randomUUID()))),
              SETUP_GIVE_UP,
              (kind, detail) -> Options.log("  conversation " + n + ": " + detail + ", retrying"));
      customers.add(new Customer(s.customerToken(), address));
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
    Customer c = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
    return from(c.address(), gateway.sendRequest(c.token(), nextMessage()));
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
