package org.supportinbox.gateway.api.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.supportinbox.auth.Caller;
import org.supportinbox.platform.WireJson;

/** The send queue of one socket, against a session whose writes complete when the test says. */
class SocketClientTest {

  /** A session that records writes and closes; each write completes when {@link #complete} runs. */
  static final class FakeSession {
    final List<String> written = new ArrayList<>();

    /** What each write handed over: the String of a text message, the array of a binary one. */
    final List<Object> handed = new ArrayList<>();

    final List<SendHandler> pending = new ArrayList<>();
    CloseReason closed;

    final Session session =
        (Session)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getAsyncRemote" -> async();
                      case "isOpen" -> closed == null;
                      case "close" -> {
                        closed = (CloseReason) args[0];
                        yield null;
                      }
                      default -> throw new UnsupportedOperationException(method.getName());
                    });

    private RemoteEndpoint.Async async() {
      return (RemoteEndpoint.Async)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {RemoteEndpoint.Async.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "setSendTimeout" -> null;
                    case "sendText" -> {
                      written.add((String) args[0]);
                      handed.add(args[0]);
                      pending.add((SendHandler) args[1]);
                      yield null;
                    }
                    case "sendBinary" -> {
                      ByteBuffer bytes = (ByteBuffer) args[0];
                      handed.add(bytes.array());
                      written.add(StandardCharsets.UTF_8.decode(bytes).toString());
                      pending.add((SendHandler) args[1]);
                      yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }

    void complete(SendResult result) {
      pending.remove(0).onResult(result);
    }
  }

  private static final Caller OPERATOR =
      new Caller("ann", "Ann", Set.of("operator"), "jti-1", Long.MAX_VALUE, null, 0);

  private static final Caller CUSTOMER =
      new Caller("c", "C", Set.of("customer"), "jti-2", Long.MAX_VALUE, "conv-1", 0);

  private final FakeSession fake = new FakeSession();

  private final SharedBatches batches = new SharedBatches(false);

  private SocketClient client(int capacity) {
    return new SocketClient(fake.session, OPERATOR, capacity, 10_000, false, batches);
  }

  @Test
  void coalescedFramesWaitForTheTickAndGoOutTogether() {
    SocketClient client = new SocketClient(fake.session, OPERATOR, 64, 10_000, true, batches);
    client.send("{\"type\":\"a\"}");
    client.send("{\"type\":\"b\"}");
    assertTrue(fake.written.isEmpty(), "nothing goes out before the tick");
    client.flushQueued();
    assertEquals(
        List.of("{\"type\":\"batch\",\"data\":[{\"type\":\"a\"},{\"type\":\"b\"}]}"), fake.written);
    // A tick while the write is in flight starts nothing; the completion sends what came since.
    client.send("{\"type\":\"c\"}");
    client.flushQueued();
    assertEquals(1, fake.written.size(), "writes never overlap");
    fake.complete(new SendResult());
    assertEquals("{\"type\":\"c\"}", fake.written.get(1));
    fake.complete(new SendResult());
    client.flushQueued();
    assertEquals(2, fake.written.size(), "an empty queue writes nothing");
    assertNull(fake.closed);
  }

  /**
   * One tick of the hub: the operator sockets with the same frames queued hand Tyrus the same
   * message, built once; a customer's socket, whose frame is its own, gets a message of its own.
   */
  @ParameterizedTest(name = "binary={0}")
  @ValueSource(booleans = {false, true})
  void socketsOfOneTickWithTheSameFramesSendTheSameMessage(boolean binary) {
    SharedBatches shared = new SharedBatches(binary);
    List<FakeSession> operators = List.of(new FakeSession(), new FakeSession(), new FakeSession());
    List<SocketClient> clients =
        operators.stream()
            .map(f -> new SocketClient(f.session, OPERATOR, 64, 10_000, true, shared))
            .toList();
    FakeSession customerSession = new FakeSession();
    SocketClient customer =
        new SocketClient(customerSession.session, CUSTOMER, 64, 10_000, true, shared);
    String created = "{\"type\":\"message.created\",\"data\":{\"content\":\"Grüße\"}}";
    String updated = "{\"type\":\"conversation.updated\",\"data\":{}}";
    // Equal text, another object (literals are interned): as the hub makes a customer's frame.
    String forCustomer = new String(created);
    for (SocketClient c : clients) {
      c.send(created);
      c.send(updated);
    }
    customer.send(forCustomer); // equal text, but the customer's own frame
    customer.send(updated);
    clients.forEach(SocketClient::flushQueued);
    customer.flushQueued();

    String batch = "{\"type\":\"batch\",\"data\":[" + created + "," + updated + "]}";
    Object first = operators.get(0).handed.get(0);
    for (FakeSession f : operators) {
      assertEquals(List.of(batch), f.written);
      assertSame(first, f.handed.get(0), "built (and encoded) once for every operator socket");
    }
    assertEquals(
        List.of("{\"type\":\"batch\",\"data\":[" + forCustomer + "," + updated + "]}"),
        customerSession.written);
    assertNotSame(first, customerSession.handed.get(0), "never another socket's message");
    if (binary) {
      assertTrue(first instanceof byte[]);
    } else {
      assertTrue(first instanceof String);
    }
  }

  @Test
  void aCoalescingSocketDoesNotWaitForALateTickOnceEnoughFramesQueued() {
    SocketClient client = new SocketClient(fake.session, OPERATOR, 64, 10_000, true, batches);
    for (int i = 0; i < SocketClient.COALESCE_FRAMES - 1; i++) {
      client.send("{\"n\":" + i + "}");
    }
    assertTrue(fake.written.isEmpty());
    client.send("{\"n\":" + (SocketClient.COALESCE_FRAMES - 1) + "}");
    assertEquals(1, fake.written.size(), "no tick came: the frame that filled the batch wrote it");
    assertEquals(
        SocketClient.COALESCE_FRAMES,
        WireJson.object(fake.written.get(0)).getJsonArray("data").size());
  }

  @Test
  void aFrameGoesOutAloneWhenTheSocketKeepsUp() {
    SocketClient client = client(8);
    client.send("{\"type\":\"a\"}");
    fake.complete(new SendResult());
    client.send("{\"type\":\"b\"}");
    assertEquals(List.of("{\"type\":\"a\"}", "{\"type\":\"b\"}"), fake.written);
  }

  @Test
  void framesQueuedDuringAWriteGoOutAsOneBatchInOrder() {
    SocketClient client = client(8);
    client.send("{\"type\":\"a\"}");
    client.send("{\"type\":\"b\"}");
    client.send("{\"type\":\"c\"}");
    assertEquals(1, fake.written.size(), "one write in flight at a time");
    fake.complete(new SendResult());
    assertEquals(
        "{\"type\":\"batch\",\"data\":[{\"type\":\"b\"},{\"type\":\"c\"}]}", fake.written.get(1));
    fake.complete(new SendResult());
    assertTrue(fake.pending.isEmpty());
    assertNull(fake.closed);
  }

  @Test
  void aBatchHoldsAtMostMaxBatchFrames() {
    SocketClient client = client(1000);
    for (int i = 0; i <= SocketClient.MAX_BATCH + 1; i++) {
      client.send("{\"n\":" + i + "}");
    }
    fake.complete(new SendResult());
    fake.complete(new SendResult());
    assertEquals(3, fake.written.size());
    int last = SocketClient.MAX_BATCH + 1;
    assertEquals(
        SocketClient.MAX_BATCH,
        WireJson.object(fake.written.get(1)).getJsonArray("data").size(),
        "frames 1.." + SocketClient.MAX_BATCH);
    assertEquals("{\"n\":" + last + "}", fake.written.get(2), "the rest, alone");
  }

  @Test
  void aFullQueueClosesTheSocketWith1013OnceTheWriteInFlightIsDone() {
    SocketClient client = client(2);
    client.send("{\"n\":0}"); // in flight
    client.send("{\"n\":1}");
    client.send("{\"n\":2}");
    client.send("{\"n\":3}"); // the queue holds two: too slow
    assertNull(fake.closed, "not while a write is in flight");
    client.send("{\"n\":4}");
    fake.complete(new SendResult());
    assertEquals(1013, fake.closed.getCloseCode().getCode());
    assertEquals(1, fake.written.size(), "the dropped queue is never written");
  }

  @Test
  void aFailedWriteClosesTheSocket() {
    SocketClient client = client(8);
    client.send("{\"n\":0}");
    client.send("{\"n\":1}");
    fake.complete(new SendResult(new IOException("broken pipe")));
    assertEquals(1013, fake.closed.getCloseCode().getCode());
    assertEquals(1, fake.written.size());
  }

  @Test
  void endingASocketClosesItWithItsCodeOnceTheWriteInFlightIsDone() {
    SocketClient client = client(8);
    client.send("{\"n\":0}"); // in flight
    client.send("{\"n\":1}");
    client.end(CloseReason.CloseCodes.VIOLATED_POLICY, "too many frames");
    assertTrue(client.ending());
    assertNull(fake.closed, "not while a write is in flight");
    client.send("{\"n\":2}");
    fake.complete(new SendResult());
    assertEquals(1008, fake.closed.getCloseCode().getCode());
    assertEquals("too many frames", fake.closed.getReasonPhrase());
    assertEquals(1, fake.written.size(), "nothing is written once the socket is ending");
  }

  @Test
  void endingAnIdleSocketClosesItAtOnce() {
    SocketClient client = client(8);
    client.end(CloseReason.CloseCodes.VIOLATED_POLICY, "too many frames");
    assertEquals(1008, fake.closed.getCloseCode().getCode());
  }
}
