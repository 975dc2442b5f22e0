package org.supportinbox.gateway.api.websocket;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.supportinbox.auth.Caller;
import org.supportinbox.auth.Roles;
import org.supportinbox.gateway.application.RateLimitedException;
import org.supportinbox.gateway.application.RateLimits;
import org.supportinbox.gateway.infrastructure.config.GatewayConfig;
import org.supportinbox.gateway.infrastructure.messaging.MessagingClient;
import org.supportinbox.gateway.infrastructure.messaging.MessagingUnavailableException;
import org.supportinbox.web.InvalidInputException;
import org.supportinbox.web.Texts;
import org.supportinbox.web.WireJson;

/**
 * {@code /ws}: pushes events to operators and customers (see {@link SocketHub}) and takes {@code
 * send} frames, stored exactly like {@code POST /messages} and answered with {@code ack} or {@code
 * error}, and {@code ping}. Frames over 64 KB are refused (1009). A socket that sends more than
 * {@code WS_FRAME_RATE_PER_MINUTE} frames (a burst of that many, refilled evenly) is closed with
 * 1008; a user with {@code WS_MAX_SOCKETS_PER_USER} sockets open on this instance gets the next one
 * closed with 1013 (try again later) before it receives anything.
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

  private SocketClient client;

  /** The client's address as the container saw it, for the per-address message limit. */
  private String remoteAddress;

  /** This socket's inbound frame budget (Tyrus delivers one frame at a time per socket). */
  private Bucket frameBudget;

  @OnOpen
  public void open(Session session, EndpointConfig config) {
    Object caller = config.getUserProperties().remove(SocketConfigurator.CALLER);
    Object problem = config.getUserProperties().remove(SocketConfigurator.PROBLEM);
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
    remoteAddress = RemoteAddress.of(session);
    session.setMaxTextMessageBufferSize(MAX_FRAME);
    // No idle timeout: Tyrus re-arms it on every frame sent, one task on the managed scheduler per
    // frame and socket, which cost the fan-out more than writing the frame. A dead peer is found
    // when the next frame cannot go out within WS_SEND_TIMEOUT_MS.
    session.setMaxIdleTimeout(0);
    GatewayConfig settings = gatewayConfig();
    SocketClient opened =
        new SocketClient(
            session,
            c,
            settings.wsSendQueue(),
            settings.wsSendTimeoutMillis(),
            settings.wsCoalesceMillis() > 0);
    if (!hub().add(opened, settings.wsMaxSocketsPerUser())) {
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
    JsonObject frame;
    try {
      frame = WireJson.object(text);
    } catch (RuntimeException e) {
      client.send(Frames.error(null, "malformed_frame", "a frame is one JSON object"));
      return;
    }
    switch (frame.getString("type", "")) {
      case "ping" -> client.send(Frames.pong());
      case "send" -> send(frame);
      default -> client.send(Frames.error(null, "unknown_type", "frame types: send, ping"));
    }
  }

  /** {@code {type: "send", conversation_id, content, client_message_id}}, as POST /messages. */
  private void send(JsonObject frame) {
    Caller caller = client.caller;
    String clientId = frame.getString("client_message_id", null);
    boolean customer = !caller.isOperator();
    String conversation =
        customer ? caller.conversationId() : frame.getString("conversation_id", null);
    if (conversation == null || !frame.containsKey("content")) {
      client.send(
          Frames.error(clientId, "missing_field", "conversation_id and content are required"));
      return;
    }
    if (frame.get("content") instanceof JsonString content) {
      // As a REST body's strings (JsonBody): a lone surrogate would reach messaging as '?'.
      try {
        Texts.requireStorable("content", content.getString());
      } catch (InvalidInputException e) {
        client.send(Frames.error(clientId, e.code(), e.getMessage()));
        return;
      }
    }
    if (customer) {
      try {
        CDI.current().select(RateLimits.class).get().customerMessage(conversation, remoteAddress);
      } catch (RateLimitedException e) {
        client.send(Frames.error(clientId, "rate_limited", e.getMessage()));
        return;
      }
    }
    JsonObjectBuilder body =
        WireJson.JSON
            .createObjectBuilder()
            .add("sender", customer ? "customer" : "operator")
            .add("sender_name", caller.name())
            .add("conversation_id", conversation)
            .add("content", frame.get("content"));
    if (clientId != null) {
      body.add("client_message_id", clientId);
    }
    try {
      MessagingClient.Answer answer = messaging().post("/messages", body.build().toString());
      JsonObject result = WireJson.object(answer.body());
      if (answer.status() == 200 || answer.status() == 201) {
        // A customer's ack carries what a customer may see of the message, however it was
        // stored (a re-sent client_message_id answers the stored message, insight and all).
        client.send(
            customer
                ? Frames.customerAck(answer.body(), clientId)
                : Frames.operatorAck(result, clientId));
      } else {
        client.send(
            Frames.error(
                clientId, result.getString("error", "error"), result.getString("detail", "")));
      }
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
    return CDI.current().select(SocketHub.class).get();
  }

  private static GatewayConfig gatewayConfig() {
    return CDI.current().select(GatewayConfig.class).get();
  }

  private static MessagingClient messaging() {
    return CDI.current().select(MessagingClient.class).get();
  }
}
