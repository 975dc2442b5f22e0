package org.supportinbox.gateway.api.websocket;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.contracts.rest.CustomerMessage;
import org.supportinbox.contracts.rest.CustomerMessageView;
import org.supportinbox.contracts.rest.MessageView;
import org.supportinbox.contracts.rest.OperatorReply;
import org.supportinbox.contracts.ws.Frame;
import org.supportinbox.contracts.ws.Send;
import org.supportinbox.gateway.application.Inbox;
import org.supportinbox.gateway.application.LimitsUnavailableException;
import org.supportinbox.gateway.application.MessagingRefusedException;
import org.supportinbox.gateway.application.MessagingUnavailableException;
import org.supportinbox.gateway.application.RateLimitedException;
import org.supportinbox.gateway.config.GatewayConfig;
import org.supportinbox.platform.InvalidInputException;
import org.supportinbox.platform.JsonBody;
import org.supportinbox.platform.Lazy;
import org.supportinbox.platform.LazyBean;
import org.supportinbox.platform.WireJson;

/**
 * {@code /ws}: pushes events to operators and customers (see {@link SocketHub}) and takes {@code
 * send} frames, stored exactly like {@code POST /messages} and answered with {@code ack} or {@code
 * error}, and {@code ping}. Frames over 64 KB are refused (1009). A socket that sends more than
 * {@code WS_FRAME_RATE_PER_MINUTE} frames (a burst of that many, refilled evenly) is closed with
 * 1008 (this budget is the socket's own, in memory); a user with {@code WS_MAX_SOCKETS_PER_USER}
 * sockets open over all gateway instances gets the next one closed with 1013 (try again later)
 * before it receives anything, and so does every new socket while that count cannot be checked.
 */
@ServerEndpoint(
    value = "/ws",
    configurator = SocketConfigurator.class,
    subprotocols = {"bearer"})
public class InboxSocket {

  private static final Logger LOG = Logger.getLogger(InboxSocket.class.getName());
  static final int MAX_FRAME = 64 * 1024;

  /** Closes a socket whose user has too many open; the client may retry once one closes. */
  static final CloseReason.CloseCode TRY_AGAIN_LATER = SocketClient.TRY_AGAIN_LATER;

  // The endpoint is made by Tyrus, not CDI: its beans are looked up once.
  private static final Lazy<SocketHub> HUB = LazyBean.of(SocketHub.class);
  private static final Lazy<GatewayConfig> CONFIG = LazyBean.of(GatewayConfig.class);
  private static final Lazy<Inbox> INBOX = LazyBean.of(Inbox.class);

  private final Lazy<Inbox> inbox = INBOX;

  private SocketClient client;

  /**
   * The client's address for the per-address message limit: the peer, or the client a trusted proxy
   * named in the handshake's X-Forwarded-For.
   */
  private String remoteAddress;

  /** This socket's inbound frame budget (Tyrus delivers one frame at a time per socket). */
  private Bucket frameBudget;

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    Object caller = config.getUserProperties().remove(SocketConfigurator.CALLER);
    Object problem = config.getUserProperties().remove(SocketConfigurator.PROBLEM);
    Object unavailable = config.getUserProperties().remove(SocketConfigurator.UNAVAILABLE);
    Object forwardedFor = config.getUserProperties().remove(SocketConfigurator.FORWARDED_FOR);
    if (unavailable != null) {
      hub().refuse(session, TRY_AGAIN_LATER, unavailable.toString());
      return;
    }
    if (!(caller instanceof Caller c)) {
      hub().refuse(session, problem == null ? "unauthorized" : problem.toString());
      return;
    }
    // An allow-list: operators and admins get the inbox feed, a customer its own conversation;
    // any other role (a service's token, say) gets nothing, not the operator feed by default.
    boolean customer = c.hasRole(Roles.CUSTOMER) && c.conversationId() != null;
    if (!c.isOperator() && !customer) {
      LOG.info(() -> "socket refused (1008), no operator or customer role, user=" + c.subject());
      hub().refuse(session, "this token's roles cannot open /ws");
      return;
    }
    GatewayConfig settings = CONFIG.get();
    remoteAddress = clientAddress(session, forwardedFor, settings);
    session.setMaxTextMessageBufferSize(MAX_FRAME);
    // No idle timeout: Tyrus re-arms it on every frame sent, one task on the managed scheduler per
    // frame and socket, which cost the fan-out more than writing the frame. A dead peer is found
    // when the next frame cannot go out within WS_SEND_TIMEOUT_MS.
    session.setMaxIdleTimeout(0);
    SocketClient opened =
        new SocketClient(
            session,
            c,
            settings.wsSendQueue(),
            settings.wsSendTimeoutMillis(),
            settings.wsCoalesceMillis() > 0,
            hub().batches());
    boolean added;
    try {
      added = hub().add(opened, settings.wsMaxSocketsPerUser());
    } catch (LimitsUnavailableException e) {
      LOG.log(Level.WARNING, "socket cap unavailable, refusing (1013) user=" + c.subject(), e);
      hub().refuse(session, TRY_AGAIN_LATER, "try again later");
      return;
    }
    if (!added) {
      LOG.info(() -> "too many sockets, refusing (1013) user=" + c.subject());
      hub()
          .refuse(
              session,
              TRY_AGAIN_LATER,
              "too many sockets for this user (" + settings.wsMaxSocketsPerUser() + ")");
      return;
    }
    int perMinute = settings.wsFrameRatePerMinute();
    frameBudget =
        Bucket.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(perMinute)
                    .refillGreedy(perMinute, Duration.ofMinutes(1))
                    .build())
            .build();
    client = opened;
    client.send(Frames.hello(c.subject(), c.isOperator() ? "operator" : "customer"));
    LOG.fine(() -> "socket opened user=" + c.subject());
  }

  @OnMessage(maxMessageSize = MAX_FRAME)
  public void message(String text) {
    if (client == null || client.ending()) {
      return;
    }
    if (!frameBudget.tryConsume(1)) {
      LOG.info(() -> "socket flooding, closing (1008) user=" + client.caller.subject());
      client.end(CloseReason.CloseCodes.VIOLATED_POLICY, "too many frames");
      return;
    }
    Send frame;
    try {
      frame = JsonBody.parse(text, Send.class).as(Send.class);
    } catch (InvalidInputException e) {
      client.send(
          "malformed_json".equals(e.code())
              ? Frames.error(null, "malformed_frame", "a frame is one JSON object")
              : Frames.error(null, e.code(), e.getMessage()));
      return;
    }
    switch (frame.type() == null ? "" : frame.type()) {
      case Frame.PING -> client.send(Frames.pong());
      case Send.TYPE -> send(frame);
      default -> client.send(Frames.error(null, "unknown_type", "frame types: send, ping"));
    }
  }

  /**
   * {@code {type: "send", conversation_id, content, client_message_id}}: the same use case as
   * {@code POST /messages} (an operator) or {@code POST /customer/messages} (a customer, into its
   * own conversation whatever the frame names), answered with an {@code ack} or an {@code error}.
   */
  private void send(Send frame) {
    Caller caller = client.caller;
    String clientId = frame.clientMessageId();
    if (frame.content() == null || (caller.isOperator() && frame.conversationId() == null)) {
      client.send(
          Frames.error(clientId, "missing_field", "conversation_id and content are required"));
      return;
    }
    try {
      if (caller.isOperator()) {
        Inbox.Stored<MessageView> stored =
            inbox
                .get()
                .operatorReply(
                    caller,
                    new OperatorReply(frame.conversationId(), frame.content(), clientId, null));
        client.send(Frames.operatorAck(stored.value(), clientId));
      } else {
        // A customer's ack carries what a customer may see of the message, however it was
        // stored (a re-sent client_message_id answers the stored message, insight and all).
        Inbox.Stored<CustomerMessageView> stored =
            inbox
                .get()
                .customerMessage(
                    caller, new CustomerMessage(frame.content(), clientId), remoteAddress);
        client.send(Frames.customerAck(stored.value(), clientId));
      }
    } catch (InvalidInputException e) {
      client.send(Frames.error(clientId, e.code(), e.getMessage()));
    } catch (RateLimitedException e) {
      client.send(Frames.error(clientId, "rate_limited", e.getMessage()));
    } catch (LimitsUnavailableException e) {
      client.send(Frames.error(clientId, "service_unavailable", e.getMessage()));
    } catch (MessagingRefusedException e) {
      JsonObject error = WireJson.object(e.answer().body());
      client.send(
          Frames.error(clientId, error.getString("error", "error"), error.getString("detail", "")));
    } catch (MessagingUnavailableException e) {
      client.send(Frames.error(clientId, "messaging_unavailable", e.getMessage()));
    }
  }

  @OnClose
  public void closed(Session session, CloseReason reason) {
    if (client != null) {
      hub().remove(client);
    }
  }

  @OnError
  public void failed(Session session, Throwable error) {
    LOG.log(Level.FINE, "socket error", error);
  }

  private static SocketHub hub() {
    return HUB.get();
  }

  /** The peer of {@code session}, or the client its trusted proxy forwarded the handshake for. */
  private static String clientAddress(
      Session session, Object forwardedFor, GatewayConfig settings) {
    String peer = RemoteAddress.of(session);
    if (settings.trustedProxies().isEmpty() || !(forwardedFor instanceof List<?> values)) {
      return peer;
    }
    return settings.trustedProxies().client(peer, values.stream().map(String::valueOf).toList());
  }
}
