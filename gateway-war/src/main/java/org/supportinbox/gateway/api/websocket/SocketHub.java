package org.supportinbox.gateway.api.websocket;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.contracts.events.ConversationRead;
import org.supportinbox.contracts.events.MessageCreated;
import org.supportinbox.gateway.application.LimitsUnavailableException;
import org.supportinbox.gateway.application.LiveEvents;
import org.supportinbox.gateway.application.SocketSeats;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.WireJson;

/**
 * The sockets of this gateway instance and what each may receive: operators every event but another
 * operator's {@code conversation.read}, a customer only the {@code message.created} events of its
 * own conversation, without AI data.
 */
@ApplicationScoped
public class SocketHub implements LiveEvents {

  private static final Logger LOG = Logger.getLogger(SocketHub.class.getName());

  /**
   * How long a refused socket (no valid token) stays open before it is closed with 1008. Payara
   * calls {@code @OnOpen} before it has flushed the handshake's 101 answer; a close from inside
   * {@code @OnOpen} now and then lost the close frame, and the client then waited for nothing.
   */
  static final long REFUSE_DELAY_MILLIS = 100;

  private final Set<SocketClient> clients = ConcurrentHashMap.newKeySet();

  /**
   * The messages of this instance's sockets, each built once for all that send the same, and sent
   * as binary messages of UTF-8 encoded here once: Tyrus encodes every text message again for every
   * socket, with a charset encoder of its own (13 % of the gateway's CPU samples at 200 msg/s).
   * {@code ./inbox bench fanout --rate 50 --concurrency 4}: about 30 µs of gateway CPU per frame
   * delivered instead of 42-48 (docs/performance.md, WebSocket fan-out).
   */
  private final SharedBatches batches = new SharedBatches(true);

  @Resource ManagedScheduledExecutorService scheduler;

  @Inject GatewayConfig config;

  @Inject SocketSeats seats;

  private ScheduledFuture<?> coalescer;

  /** Whether a queued event goes out at once (a quiet hub); null without coalescing. */
  private FlushGate gate;

  /**
   * With {@code WS_COALESCE_MS} above 0, one tick every that many milliseconds starts the writes of
   * every socket with queued frames. Tyrus schedules a task on Payara's managed scheduler for every
   * message it sends, whatever its size (JFR during ./inbox bench with 200 sockets: about 30 % of
   * the gateway's CPU samples went to scheduling those tasks and setting up their context), so
   * fewer, larger messages are what lets one instance feed hundreds of sockets. An event that finds
   * the hub quiet (no flush for a whole tick) goes out at once instead ({@link FlushGate}).
   */
  @PostConstruct
  void startCoalescing() {
    long every = config.wsCoalesceMillis();
    if (every > 0) {
      gate = new FlushGate(every, System::nanoTime);
      coalescer = scheduler.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stopCoalescing() {
    if (coalescer != null) {
      coalescer.cancel(false);
    }
  }

  private void tick() {
    if (flushAll() > 0) {
      gate.flushed();
    }
  }

  /** Starts the writes of every socket with queued frames; how many started one. */
  private int flushAll() {
    int started = 0;
    for (SocketClient client : clients) {
      try {
        if (client.flushQueued()) {
          started++;
        }
      } catch (RuntimeException e) {
        // One broken socket must not end the tick (an exception would cancel it for good).
        LOG.log(Level.WARNING, "starting a write failed, user=" + client.caller.subject(), e);
      }
    }
    return started;
  }

  /** After an event was queued: flushes at once when the hub was quiet for a whole tick. */
  private void flushIfQuiet() {
    if (gate != null && gate.now()) {
      flushAll();
    }
  }

  /** Closes a socket that must not stay (1008), once its handshake is through; it gets nothing. */
  void refuse(Session session, String reason) {
    refuse(session, CloseReason.CloseCodes.VIOLATED_POLICY, reason);
  }

  /** Closes a socket that must not stay with {@code code}, once its handshake is through. */
  void refuse(Session session, CloseReason.CloseCode code, String reason) {
    scheduler.schedule(
        () -> {
          try {
            if (session.isOpen()) {
              session.close(new CloseReason(code, reason));
            }
          } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "closing a refused socket failed; it is gone anyway", e);
          }
        },
        REFUSE_DELAY_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a socket unless its user (token subject) already has {@code maxPerUser} open over all
   * gateway instances ({@link SocketSeats}: the count and the seat are one step in the database);
   * {@link LimitsUnavailableException} when that cannot be checked.
   */
  boolean add(SocketClient client, int maxPerUser) {
    Optional<UUID> seat = seats.take(client.caller.subject(), maxPerUser);
    if (seat.isEmpty()) {
      return false;
    }
    client.seat = seat.get();
    clients.add(client);
    return true;
  }

  /** Where a socket of this hub gets its messages built. */
  SharedBatches batches() {
    return batches;
  }

  void remove(SocketClient client) {
    if (clients.remove(client)) {
      seats.release(client.seat);
    }
  }

  public int size() {
    return clients.size();
  }

  /**
   * Pushes an event (routing key = type, body as published and verified) to every socket that may
   * see it: operators the event as it is (a {@code message.created} without its {@code
   * ai_context}), the customer of its conversation a {@code message.created} as {@link
   * org.supportinbox.contracts.rest.CustomerMessageView}, nothing else.
   */
  @Override
  public void publish(String type, String body) {
    queue(type, body);
    flushIfQuiet();
  }

  private void queue(String type, String body) {
    JsonObject event;
    try {
      event = WireJson.object(body);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "dropping an event that is not a JSON object, type=" + type, e);
      return;
    }
    String operatorFrame = Frames.event(type, forOperators(type, event));
    Optional<String> customerFrame = null; // made once, for the first socket of the customer
    String conversation = event.getString("conversation_id", null);
    if (ConversationRead.TYPE.equals(type)) {
      // An operator's read position is the operator's own business: only their sockets get it.
      String reader = event.getString("reader", null);
      for (SocketClient client : clients) {
        if (client.isOperator() && client.caller.subject().equals(reader)) {
          client.send(operatorFrame);
        }
      }
      return;
    }
    for (SocketClient client : clients) {
      if (client.isOperator()) {
        client.send(operatorFrame);
      } else if (MessageCreated.TYPE.equals(type)
          && conversation != null
          && conversation.equals(client.caller.conversationId())) {
        if (customerFrame == null) {
          try {
            customerFrame = Frames.forCustomer(body);
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a message.created event does not read as one; not sent", e);
            return;
          }
        }
        customerFrame.ifPresent(client::send); // empty for an operators' note
      }
    }
  }

  /**
   * The event as operators get it: as published, less a {@code message.created}'s {@code
   * ai_context}, which is for the AI function only (operators have the conversation) and would only
   * make every operator's frame larger.
   */
  static Map<String, JsonValue> forOperators(String type, JsonObject event) {
    if (!MessageCreated.TYPE.equals(type) || !event.containsKey("ai_context")) {
      return event;
    }
    Map<String, JsonValue> less = new LinkedHashMap<>(event);
    less.remove("ai_context");
    return less;
  }

  /** Tells every socket it may have missed events (after the broker connection recovered). */
  @Override
  public void resyncAll() {
    String frame = Frames.resync();
    clients.forEach(c -> c.send(frame));
  }

  /** Who is connected to this instance now. */
  public List<Caller> callers() {
    return clients.stream().map(c -> c.caller).toList();
  }

  /** Closes (1008) the sockets whose token expired or was revoked (logout, disabled account). */
  public void sweep(java.util.function.Predicate<Caller> revoked) {
    long now = java.time.Instant.now().getEpochSecond();
    closeWhere(c -> c.expiresAt() <= now, "token expired");
    closeWhere(revoked, "token revoked");
  }

  private void closeWhere(java.util.function.Predicate<Caller> ended, String reason) {
    for (SocketClient client : clients) {
      if (ended.test(client.caller)) {
        client.close(CloseReason.CloseCodes.VIOLATED_POLICY, reason);
      }
    }
  }
}
