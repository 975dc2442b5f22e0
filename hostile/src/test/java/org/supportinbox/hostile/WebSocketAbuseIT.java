package org.supportinbox.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.contracts.ws.SocketError;
import org.supportinbox.testing.GatewaySocket;

/**
 * Abuse of the gateway's {@code /ws}: pages from other origins, no token, an oversize frame, a
 * frame flood and many sockets for one user. Each abuser is refused or closed with a clear code,
 * and the gateway goes on serving everyone else.
 */
class WebSocketAbuseIT {

  private static HostileStack stack;
  private static String base;
  private static String username;
  private static String password;

  @BeforeAll
  static void stack() {
    stack = HostileStack.get();
    base = stack.gateway.baseUrl();
    // An operator of its own: the socket cap counts this user's sockets.
    username = "wendy-" + UUID.randomUUID().toString().substring(0, 8);
    password = "socket-operator-password-0123";
    stack.createOperator(username, username, password);
  }

  private static String token() {
    return stack.login(username, password);
  }

  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(
      strings = {
        "http://evil.example",
        "null",
        "http://inbox.test.evil.example",
        "http://inbox.test:8080",
        "https://inbox.test",
        "http://evil.example/http://inbox.test"
      })
  void aPageFromAnotherOriginIsRefusedAtTheHandshake(String origin) throws Exception {
    assertThat(GatewaySocket.handshakeStatus(base, token(), origin)).isEqualTo(403);
    assertServing();
  }

  @Test
  void aClientWithoutOriginIsNoBrowserAndStillNeedsAToken() throws Exception {
    try (GatewaySocket anonymous = GatewaySocket.open(base, null, null)) {
      assertThat(anonymous.closeCode(10)).isEqualTo(1008);
      assertThat(anonymous.frames).isEmpty();
    }
    try (GatewaySocket tool = GatewaySocket.open(base, token(), null)) {
      assertThat(tool.next("hello", 10)).isNotNull();
    }
  }

  @ParameterizedTest(name = "token: \"{0}\"")
  @ValueSource(strings = {"", "%20", "Bearer", "null", "undefined"})
  void noUsableTokenIsClosedWith1008BeforeAnyFrame(String token) throws Exception {
    try (GatewaySocket socket =
        GatewaySocket.open(base, token.isEmpty() ? null : token, HostileStack.ORIGIN)) {
      assertThat(socket.closeCode(10)).isEqualTo(1008);
      assertThat(socket.frames).isEmpty();
    }
    assertServing();
  }

  @Test
  void anOversizeFrameClosesTheSocketWith1009() throws Exception {
    try (GatewaySocket socket = GatewaySocket.open(base, token(), HostileStack.ORIGIN)) {
      assertThat(socket.next("hello", 10)).isNotNull();
      socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
      assertThat(socket.closeCode(10)).isEqualTo(1009);
    }
    assertServing();
  }

  @Test
  void aFrameFloodClosesTheSocketWith1008AndCostsNoOneElseAnything() throws Exception {
    try (GatewaySocket flooder = GatewaySocket.open(base, token(), HostileStack.ORIGIN);
        GatewaySocket neighbour =
            GatewaySocket.open(base, stack.operatorToken(), HostileStack.ORIGIN)) {
      assertThat(flooder.next("hello", 10)).isNotNull();
      assertThat(neighbour.next("hello", 10)).isNotNull();
      long started = System.nanoTime();
      int sent = 0;
      while (sent < 5 * HostileStack.FRAMES_PER_MINUTE && flooder.send("{\"type\":\"ping\"}")) {
        sent++;
      }
      assertThat(flooder.closeCode(10)).isEqualTo(1008);
      assertThat(flooder.closeReason()).isEqualTo("too many frames");
      // The budget is a burst of FRAMES_PER_MINUTE refilled at one a second while the flood runs.
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
      long pongs = flooder.frames.stream().filter(f -> "pong".equals(type(f))).count();
      assertThat(pongs)
          .as("frames answered before the close")
          .isLessThanOrEqualTo(HostileStack.FRAMES_PER_MINUTE + seconds);
      neighbour.send("{\"type\":\"ping\"}");
      assertThat(neighbour.next("pong", 10)).isNotNull();
    }
    // The budget is per socket: the same user's next socket is served.
    assertServing(token());
  }

  @Test
  void aUserGetsAtMostTheCapOfSocketsAndTheNextIsClosedWith1013() throws Exception {
    String token = token();
    List<GatewaySocket> open = new ArrayList<>();
    try {
      for (int i = 0; i < HostileStack.MAX_SOCKETS_PER_USER; i++) {
        GatewaySocket s = GatewaySocket.open(base, token, HostileStack.ORIGIN);
        open.add(s);
        assertThat(s.next("hello", 10)).as("socket %d", i + 1).isNotNull();
      }
      // Another token of the same user counts too: the cap is per user, not per token.
      try (GatewaySocket over = GatewaySocket.open(base, token(), HostileStack.ORIGIN)) {
        assertThat(over.closeCode(10)).isEqualTo(1013);
        assertThat(over.closeReason()).startsWith("too many sockets for this user");
        assertThat(over.frames).isEmpty();
      }
      // Other users are not affected.
      assertServing();
      for (GatewaySocket s : open) {
        assertThat(s.isClosed()).isFalse();
      }
      // Once one closes, a new one is let in.
      open.remove(0).close();
      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(300))
          .until(
              () -> {
                GatewaySocket s = GatewaySocket.open(base, token, HostileStack.ORIGIN);
                if (s.next("hello", 2) != null) {
                  open.add(s);
                  return true;
                }
                s.close();
                return false;
              });
    } finally {
      open.forEach(GatewaySocket::close);
    }
  }

  @Test
  void aSendFrameThatCannotBeStoredIsRefusedNotMangled() throws Exception {
    var started = stack.startConversation("GatewaySocket Sam", "hello");
    String conversation = started.getString("conversation_id");
    try (GatewaySocket customer =
        GatewaySocket.open(base, started.getString("customer_token"), HostileStack.ORIGIN)) {
      assertThat(customer.next("hello", 10)).isNotNull();
      var before = stack.rowCounts();
      // JSON escapes for a lone surrogate, and for NUL: valid JSON, but no valid text.
      for (String content : List.of("a\\ud800b", "\\udc00", "a\\u0000b")) {
        customer.send(
            "{\"type\":\"send\",\"content\":\"" + content + "\",\"client_message_id\":\"x\"}");
        SocketError error = customer.next(SocketError.TYPE, SocketError.class, 10);
        assertThat(error).as(content).isNotNull();
        assertThat(error.error()).as(content).isEqualTo("invalid_field");
      }
      assertThat(stack.rowCounts()).isEqualTo(before);
      customer.send("{\"type\":\"send\",\"content\":\"fine \\ud83d\\ude00\"}");
      JsonObject ack = customer.next("ack", 10);
      assertThat(ack).isNotNull();
      assertThat(ack.getJsonObject("data").getJsonObject("message").getString("content"))
          .isEqualTo("fine 😀");
      assertThat(ack.getJsonObject("data").getJsonObject("message").getString("conversation_id"))
          .isEqualTo(conversation);
    }
  }

  private static String type(JsonObject frame) {
    return frame.getString("type", "");
  }

  /** Another user's socket opens and answers a ping. */
  private static void assertServing() throws Exception {
    assertServing(stack.operatorToken());
  }

  private static void assertServing(String token) throws Exception {
    try (GatewaySocket socket = GatewaySocket.open(base, token, HostileStack.ORIGIN)) {
      assertThat(socket.next("hello", 10)).isNotNull();
      socket.send("{\"type\":\"ping\"}");
      assertThat(socket.next("pong", 10)).isNotNull();
    }
  }
}
